# iamroot-store lists what the store keeps for a tree, checks it against the
# disk (a fifo removed outside the session is reported), exports it in
# fakeroot's save-file format and imports one back: exact expected values.
. "$SRCDIR/tests/lib.sh"
[ -n "${STORE_TOOL:-}" ] || skip "STORE_TOOL not set"
cp "$STORE_TOOL" "$T/bin/iamroot-store"
ST="$T/bin/iamroot-store"
traced -- sh -c 'cd "$1" && mkfifo p && chown 5:6 p && ln -s x l && chown -h 7:8 l &&
	mknod c c 1 3 && touch f && chown 9:9 f' sh "$W" || fail "making the tree"
fields() { sed 's/dev=[0-9a-f]*[, ]ino=[0-9]*[, ]//' | sort; }
as_user "$ST" list | fields >"$T/list"
check_eq "uid=0 gid=0 mode=20644 rdev=1,3
uid=5 gid=6 mode=644
uid=7 gid=8" "$(cat "$T/list")" "iamroot-store list (the log: fifo, symlink, device)"
as_user "$ST" export "$W" | fields >"$T/export"
check_eq "mode=100644,uid=9,gid=9,nlink=1,rdev=0
mode=10644,uid=5,gid=6,nlink=1,rdev=0
mode=120777,uid=7,gid=8,nlink=1,rdev=0
mode=20644,uid=0,gid=0,nlink=1,rdev=259" "$(cat "$T/export")" "iamroot-store export TREE"
as_user "$ST" check "$W" >"$T/check"; st=$?
check_eq 0 "$st" "check of an untouched tree ($(cat "$T/check"))"
as_user rm "$W/p"
as_user "$ST" check "$W" >"$T/check"; st=$?
check_eq 1 "$st" "check after a fifo was removed outside"
grep -q 'uid=5 gid=6 mode=644: no such inode under the tree' "$T/check" || fail "check did not name the record: $(cat "$T/check")"
# A fakeroot save file imported onto a tree: iamroot-run then shows it.
as_user sh -c 'touch "$1/g"' sh "$W"
printf 'dev=%x,ino=%s,mode=100640,uid=42,gid=43,nlink=1,rdev=0\n' "$(stat -c %d "$W/g")" "$(stat -c %i "$W/g")" >"$T/saved"
chmod 644 "$T/saved"
as_user "$ST" import "$T/saved" "$W" >/dev/null || fail "import"
check_eq "42:43 640" "$(traced -- stat -c '%u:%g %a' "$W/g")" "a file imported from a fakeroot save file"
