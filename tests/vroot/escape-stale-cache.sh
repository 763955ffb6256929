# ESCAPE: the lookup cache must not outlive what it describes.  A directory
# looked up (so cached), then removed or moved away, and replaced by a
# symlink to the canary's host directory, leads inside the root: to the
# decoy.  By rmdir, by rename of the directory and of its parent, by unlink
# of a symlink, by rmdir and rename of a name relative to the working
# directory, and through a binding that gives a directory of the root a
# second name (-b ROOT/x:/y, looked up as /x/a, replaced as /y/a).
# Controls: each read reaches the decoy at that path inside the root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
export W
as_user mkdir -p "$R/x" "$R/y" || fail "mkdir"
script='
try() { echo "$1: $(grep -v "^#!" "$2" 2>&1)"; }
mkdir -p /d/sub && ls /d/sub && rmdir /d/sub /d && ln -s "$W" /d
try "rmdir then symlink" /d/canary
mkdir -p /m/sub && ls /m/sub && mv /m /m2 && ln -s "$W" /m
try "directory renamed then symlink" /m/canary
mkdir -p /p/q/sub && ls /p/q/sub && mv /p /p2 && mkdir /p && ln -s "$W" /p/q
try "parent renamed then symlink" /p/q/canary
ln -s /etc /s && ls /s/ >/ls.out && rm /s && ln -s "$W" /s
try "symlink replaced" /s/canary
mkdir -p /r/sub && ls /r/sub && cd /r && rmdir sub && ln -s "$W" sub && cd /
try "relative rmdir then symlink" /r/sub/canary
mkdir -p /q/sub && ls /q/sub && cd /q && mv sub sub2 && ln -s "$W" sub && cd /
try "relative rename then symlink" /q/sub/canary
echo done
'
run_to "$T/out" traced -r "$R" -- /bin/sh -c "$script"
escape_verdict "$T/out" \
	"rmdir then symlink: DECOY" \
	"directory renamed then symlink: DECOY" \
	"parent renamed then symlink: DECOY" \
	"symlink replaced: DECOY" \
	"relative rmdir then symlink: DECOY" \
	"relative rename then symlink: DECOY"

# The same through a second name: only a full invalidation is right.
script='
mkdir -p /x/a && ls /x/a && rmdir /y/a && ln -s "$W" /y/a
echo "through another name (binding): $(grep -v "^#!" /x/a/canary 2>&1)"
echo done
'
run_to "$T/out2" traced -r "$R" -b "$R/x:/y" -- /bin/sh -c "$script"
escape_verdict "$T/out2" "through another name (binding): DECOY"
exit 0
