#!/bin/sh
# minbase-repo.sh: a local, unsigned Debian repository holding a suite's
# minbase packages, as debootstrap and mmdebstrap each choose them (they
# differ: usr-is-merged or usrmerge), those of debootstrap's fakechroot
# variant (Priority: important too, and binutils) and the few packages the
# rootfs tests install later (EXTRAS, with what they need), so that rootfs
# builds (the rootfs tests, the benchmark's debootstrap and mmdebstrap
# workloads) rerun with no network and every builder reads the same files.
#
#   minbase-repo.sh mirror   the first Debian mirror of this machine's apt
#                            configuration (never written into the project)
#   minbase-repo.sh suite    the suite of that configuration (else bookworm)
#   minbase-repo.sh make CACHE SUITE [MIRROR]
#                            print CACHE/rootfs-repo-SUITE, made first if it
#                            is not there from the .debs in
#                            CACHE/rootfs-debs-SUITE, downloaded first (as
#                            root) from MIRROR, by default this machine's
#
# The repository is used as file://REPO by debootstrap (--no-check-gpg) and
# as "deb [trusted=yes] copy://REPO SUITE main" by mmdebstrap.
# Exit status: 0; 2 when the packages are not cached and cannot be
# downloaded (no mirror configured, none reachable, or not root), saying
# why on stderr; 1 on any other failure.
set -u

mirror() {
	sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null |
		grep -v security | head -1 | grep . ||
		awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null | grep .
}

suite() {
	sed -n 's/^Suites: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | grep . ||
		awk '$1 == "deb" { print $3; exit }' /etc/apt/sources.list 2>/dev/null | grep . || echo bookworm
}

# What tests/rootfs/apt-in-second-run.sh installs in its second run.
EXTRAS="sudo less tree"

# download SUITE MIRROR DIR: what debootstrap and mmdebstrap install, and
# EXTRAS with their dependencies (as apt chooses them on a minbase).
download() {
	tmp=$(mktemp -d) || return 1
	debootstrap --download-only --variant=minbase --cache-dir="$3" "$1" "$tmp/ds" "$2" &&
		FAKECHROOT=true debootstrap --download-only --variant=fakechroot \
			--cache-dir="$3" "$1" "$tmp/dsf" "$2" &&
		mmdebstrap --mode=root --variant=minbase --skip=essential/unlink \
			--skip=cleanup/apt/cache --include="$(echo "$EXTRAS" | tr ' ' ,)" \
			"$1" "$tmp/mm" "$2" &&
		cp "$tmp/mm/var/cache/apt/archives/"*.deb "$3/"
	st=$?
	rm -rf --one-file-system "$tmp"	# never into what a failed build left mounted
	return $st
}

# index SUITE DEBS REPO: the repository, with an index of the .debs in DEBS.
index() {
	bin="main/binary-$(dpkg --print-architecture)"
	dists="$3.new/dists/$1"
	rm -rf "$3.new" && mkdir -p "$3.new/pool" "$dists/$bin" || return 1
	for d in "$2"/*.deb; do
		f=pool/${d##*/}
		cp "$d" "$3.new/$f" || return 1
		dpkg-deb -f "$d" || return 1
		printf 'Filename: %s\nSize: %s\nSHA256: %s\n\n' "$f" "$(stat -c %s "$d")" \
			"$(sha256sum <"$d" | cut -d' ' -f1)"
	done >"$dists/$bin/Packages" || return 1
	gzip -9n <"$dists/$bin/Packages" >"$dists/$bin/Packages.gz" || return 1
	{
		printf 'Origin: iamroot-run\nSuite: %s\nCodename: %s\n' "$1" "$1"
		printf 'Date: %s\nArchitectures: %s\nComponents: main\nSHA256:\n' \
			"$(LC_ALL=C date -u -R)" "$(dpkg --print-architecture)"
		for f in Packages Packages.gz; do
			printf ' %s %s %s\n' "$(sha256sum <"$dists/$bin/$f" | cut -d' ' -f1)" \
				"$(stat -c %s "$dists/$bin/$f")" "$bin/$f"
		done
	} >"$dists/Release" || return 1
	chmod -R a+rX "$3.new" && rm -rf "$3" && mv "$3.new" "$3"
}

# has_debs DIR PKG...: DIR holds .debs, among them one of each PKG.
has_debs() {
	d=$1
	shift
	ls "$d"/*.deb >/dev/null 2>&1 || return 1
	for p in "$@"; do
		ls "$d/${p}_"*.deb >/dev/null 2>&1 || return 1
	done
}

make_repo() {
	cache=$1 suite=$2 debs="$1/rootfs-debs-$2" repo="$1/rootfs-repo-$2"
	# shellcheck disable=SC2086 # EXTRAS is a list of names
	if ! has_debs "$debs" $EXTRAS; then
		m=${3:-$(mirror)} || { echo "$0: no Debian mirror in this machine's apt configuration" >&2; exit 2; }
		[ "$(id -u)" = 0 ] || { echo "$0: $suite's minbase is not in $cache, and only root downloads it" >&2; exit 2; }
		if ! { rm -rf "$debs.new" && mkdir -p "$debs.new"; }; then
			echo "$0: cannot write in $cache" >&2
			exit 1
		fi
		download "$suite" "$m" "$debs.new" >"$cache/download-$suite.log" 2>&1 ||
			{ echo "$0: $suite's minbase is not in $cache and $m gave nothing: $(tail -1 "$cache/download-$suite.log")" >&2; exit 2; }
		rm -rf "$debs" "$repo" && mv "$debs.new" "$debs" || exit 1
	fi
	if [ ! -s "$repo/dists/$suite/Release" ]; then
		index "$suite" "$debs" "$repo" || { echo "$0: cannot make the repository $repo" >&2; exit 1; }
	fi
	echo "$repo"
}

case "${1:-}" in
mirror) mirror ;;
suite) suite ;;
make) [ $# -ge 3 ] || { echo "usage: $0 make CACHE SUITE [MIRROR]" >&2; exit 1; }
	shift; make_repo "$@" ;;
*) echo "usage: $0 mirror | suite | make CACHE SUITE [MIRROR]" >&2; exit 1 ;;
esac
