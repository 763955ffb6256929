# Sourced after tests/lib.sh by the tests that need a guest root (not a test).

# make_root DIR: a minimal guest root owned by the test uid: a static
# /bin/busybox with every applet linked to it, as `busybox --install -s` run
# inside the root would do, and empty /tmp and /etc.  Programs run inside must
# be static (there is no libc in it).
make_root() {
	[ -x /bin/busybox ] || skip "no /bin/busybox (Debian: busybox-static)"
	file_is_static /bin/busybox || skip "/bin/busybox is not static"
	as_user sh -c '
		set -e
		r=$1
		mkdir -p "$r/bin" "$r/sbin" "$r/usr/bin" "$r/usr/sbin" "$r/tmp" "$r/etc"
		cp /bin/busybox "$r/bin/busybox"
		for a in $("$r/bin/busybox" --list-full); do
			[ -e "$r/$a" ] || [ -L "$r/$a" ] || ln -s /bin/busybox "$r/$a"
		done' sh "$1" || fail "building a guest root in $1"
}

# file_is_static FILE: FILE has no ELF interpreter (true if readelf is absent).
file_is_static() {
	command -v readelf >/dev/null 2>&1 || return 0
	! LC_ALL=C readelf -lW "$1" 2>/dev/null | grep -q 'INTERP'
}
