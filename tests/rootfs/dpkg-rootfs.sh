# A root filesystem built from Debian packages with dpkg, as debootstrap's
# second stage does it (the essential packages extracted, then all of them
# installed with dpkg --root, whose maintainer scripts run chrooted), by
# nobody under iamroot-run and by real root: the same tree, owner, group,
# mode, type, device numbers, size, link target and content of every file.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"
[ "$(id -u)" = 0 ] || skip "the oracle is a build by real root"

PKGS="libc6 libgcc-s1 gcc-12-base dash base-files base-passwd debianutils
 libdebconfclient0 libcrypt1 coreutils libacl1 libattr1 libselinux1
 libpcre2-8-0 libgmp10 sed dpkg tar libbz2-1.0 liblzma5 libmd0 libzstd1
 zlib1g grep mawk findutils diffutils"
# shellcheck disable=SC2086
DEBS=$(debs $PKGS | tr '\n' ' ')

cat >"$T/build.sh" <<'SH'
set -e
dir=$1; shift
mkdir -p "$dir"
for d in "$@"; do dpkg-deb --fsys-tarfile "$d" | tar -xf - -C "$dir"; done
mkdir -p "$dir/var/lib/dpkg/info" "$dir/var/lib/dpkg/updates"
: >"$dir/var/lib/dpkg/status"
: >"$dir/var/lib/dpkg/available"
dpkg --root="$dir" --force-depends --force-unsafe-io -i "$@" >"$dir.log" 2>&1
SH

# shellcheck disable=SC2086
sh "$T/build.sh" "$T/real" $DEBS || fail "real root's build failed: $(tail -3 "$T/real.log")"
# shellcheck disable=SC2086
traced -- sh "$T/build.sh" "$W/fake" $DEBS || fail "the build under iamroot-run failed: $(tail -5 "$W/fake.log")"
same_tree "$T/real" "$W/fake" "dpkg rootfs"
