# Sourced by the rootfs tests, after tests/lib.sh.
#
# debs PKG...: the .deb files of PKG... for this machine's architecture,
# from a cache that reruns reuse (downloaded with the machine's own apt
# configuration the first time; as root only).  Skips the test, saying
# why, when a package is neither cached nor downloadable.
CACHE=${IAMROOT_TEST_CACHE:-/var/cache/iamroot-run-tests}/debs
mkdir -p "$CACHE" 2>/dev/null || CACHE=/tmp/iamroot-run-tests-debs
mkdir -p "$CACHE" || fail "cannot make the package cache $CACHE"

debs() {
	local p f missing=""
	for p in "$@"; do
		ls "$CACHE/${p}_"*.deb >/dev/null 2>&1 || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		[ "$(id -u)" = 0 ] || skip "packages not cached and not root to fetch them:$missing"
		# shellcheck disable=SC2086
		(cd "$CACHE" && apt-get download -qq $missing >"$T/apt.log" 2>&1) ||
			skip "no mirror reachable and not cached:$missing ($(tail -1 "$T/apt.log"))"
	fi
	for p in "$@"; do
		f=$(ls "$CACHE/${p}_"*.deb | head -1)
		chmod a+r "$f"
		echo "$f"
	done
}

# LISTING, run in a tree's top directory, prints what a careful comparison
# of two trees needs, one line per entry, sorted: path, owner, group, mode,
# type, device numbers, size, link target; then the digest of every regular
# file.  Logs and apt's caches (dates, downloads) are left out.
LISTING='find . -xdev \( -path ./proc -o -path ./sys -o -path ./var/log -o -path ./var/cache/apt -o -path ./var/lib/apt/lists -o -path ./var/cache/ldconfig \) -prune -o -print0 |
	xargs -0 stat -c "%n %u %g %a %F %t,%T %s %N" | sort
	find . -xdev \( -path ./proc -o -path ./sys -o -path ./var/log -o -path ./var/cache/apt -o -path ./var/lib/apt/lists -o -path ./var/cache/ldconfig \) -prune -o -type f -print0 |
	xargs -0 sha256sum | sort'

# same_tree REAL FAKE WHAT: the real-root tree REAL (read directly) and the
# tree FAKE made under iamroot-run list the same, read by programs under
# iamroot-run; and iamroot-treecmp, reading FAKE through the store, finds
# them identical (100.00% fidelity) in every field it compares: also xattrs
# and hard links.  The same parts are left out of both.
same_tree() {
	(cd "$1" && sh -c "$LISTING") >"$T/real.lst" 2>&1
	traced -- sh -c "cd '$2' && $LISTING" >"$T/fake.lst" 2>&1
	[ "$(wc -l <"$T/real.lst")" -gt 10 ] || fail "$3: the real-root tree lists nothing"
	diff "$T/real.lst" "$T/fake.lst" >"$T/diff" ||
		fail "$3: trees differ ($(grep -c '^<' "$T/diff") lines):
$(head -20 "$T/diff")"
	same_by_treecmp "tree:$1" "fake:$2" "$3" -1 -x proc -x sys -x var/log -x var/cache/apt \
		-x var/lib/apt/lists -x var/cache/ldconfig
}

# same_by_treecmp LEFT RIGHT WHAT [OPTION...]: iamroot-treecmp says 100.00%
# (the test's store, the test user's files shown as root's where it has no
# owner, as iamroot-run shows them).
same_by_treecmp() {
	local left=$1 right=$2 what=$3 st
	shift 3
	"$TREECMP" -s "$IAMROOT_RUN_STORE" -u "$TEST_UID:$TEST_GID" "$@" "$left" "$right" \
		>"$T/treecmp.out" 2>&1
	st=$?
	[ "$st" = 0 ] && grep -q '^summary: .* fidelity 100.00%$' "$T/treecmp.out" ||
		fail "$what: iamroot-treecmp exit $st: $(tail -1 "$T/treecmp.out")
$(head -20 "$T/treecmp.out")"
	grep -q '^summary: [1-9][0-9]\{1,\} entries' "$T/treecmp.out" ||
		fail "$what: iamroot-treecmp compared almost nothing: $(tail -1 "$T/treecmp.out")"
}

# The suite of this machine's apt configuration.
MINBASE_REPO="$SRCDIR/tools/minbase-repo.sh"
suite() { sh "$MINBASE_REPO" suite; }

# minbase_repo: sets REPO to an unsigned Debian repository (file://$REPO,
# suite SUITE, component main) holding SUITE's minbase packages as
# debootstrap and mmdebstrap each choose them (tools/minbase-repo.sh).  Made
# once in the cache, so that reruns need no network; skips the test, saying
# why, when the packages cannot be downloaded.
minbase_repo() {
	local st
	REPO=$(sh "$MINBASE_REPO" make "$CACHE" "$SUITE" 2>"$T/repo.log")
	st=$?
	[ "$st" = 2 ] && skip "$(tail -1 "$T/repo.log")"
	[ "$st" = 0 ] || fail "no local repository: $(tail -3 "$T/repo.log")"
}

# mmdebstrap_both REAL FAKE: mmdebstrap --mode=root of SUITE's minbase from
# the local repository into REAL (a tarball or a directory) as real root,
# and into FAKE by nobody under iamroot-run, with the same arguments and
# SOURCE_DATE_EPOCH.  Skips unless root (the oracle) with mmdebstrap.
mmdebstrap_both() {
	local mirror
	[ "$(id -u)" = 0 ] || skip "the oracle is a build by real root"
	command -v mmdebstrap >/dev/null || skip "mmdebstrap is not installed"
	SUITE=$(suite)
	minbase_repo
	# copy:// (apt copies the packages into the root, as it downloads them)
	mirror="deb [trusted=yes] copy://$REPO $SUITE main"
	export SOURCE_DATE_EPOCH=1700000000
	(cd "$T" && TMPDIR="$T" mmdebstrap --mode=root --variant=minbase "$SUITE" "$1" "$mirror") \
		>"$T/real.log" 2>&1 || fail "real root's mmdebstrap from $REPO: $(tail -3 "$T/real.log")"
	(cd "$W" && TMPDIR="$W" traced -- mmdebstrap --mode=root --variant=minbase "$SUITE" "$2" "$mirror") \
		>"$T/fake.log" 2>&1 || fail "mmdebstrap under iamroot-run: $(tail -5 "$T/fake.log")"
}
