# Sourced after tests/lib.sh (and tests/integration/lib-root.sh where a busybox
# root is needed) by the tests in tests/exec (not a test).
#
# The oracle of these tests is the kernel: the same command under a real
# chroot(2) into the same root, as root, with a proc file system mounted on
# ROOT/proc in a private mount namespace, when the suite runs as root; the
# transcripts must be identical, line for line.  Otherwise the transcript in
# tests/exec/NAME.expected, which is what that oracle printed on Linux 6.18
# (a difference between the oracle and that file is only a NOTE when the
# oracle ran: the kernel rules).
#
# Environment (set by meson): EXEC_PROGS, the build directory of tests/exec
# (probe and its variants).  IAMROOT_TEST_CACHE: where downloaded Debian
# packages are kept between runs (default /var/cache/iamroot-run-tests when
# that can be written, else /tmp/iamroot-run-tests-cache-UID).
# EXEC_SAVE_ORACLE=DIR (as root): also write each oracle transcript to
# DIR/NAME.expected, for whoever updates the expected files.  EXEC_KEEP=DIR:
# keep the transcripts (NAME.traced, NAME.traced.err, NAME.oracle) there.

[ -n "${EXEC_PROGS:-}" ] && [ -d "$EXEC_PROGS" ] ||
	fail "EXEC_PROGS (the build directory of tests/exec) is not set"
EXPECTED_DIR="$SRCDIR/tests/exec"
umask 022

is_root() { [ "$(id -u)" = 0 ]; }

# run_to FILE CMD...: run CMD from $W; its standard output goes to FILE,
# followed by a line "exit=STATUS"; its standard error to FILE.err.
run_to() {
	rt_out=$1
	shift
	(cd "$W" && "$@") >"$rt_out" 2>"$rt_out.err"
	echo "exit=$?" >>"$rt_out"
}

# oracle_chroot DIR CMD...: CMD under a real chroot(2) into DIR, as root, with
# a proc file system mounted on DIR/proc in a mount namespace of its own.
CHROOT=$(command -v chroot || echo /usr/sbin/chroot)
MOUNT=$(command -v mount || echo /bin/mount)
UNSHARE=$(command -v unshare || echo /usr/bin/unshare)
oracle_chroot() {
	env ${OC_ENV:-} "$UNSHARE" -m --propagation private /bin/sh -c \
		'"$1" -t proc proc "$3/proc" || exit 125; c=$2; shift 2; exec "$c" "$@"' \
		sh "$MOUNT" "$CHROOT" "$@"
}

# in_root [-i] [NAME=VALUE...] CMD...: CMD in the root $R, with NAME=VALUE in
# its environment (-i: and nothing else, as env -i): under iamroot-run as
# the test identity when MODE=traced (with the options in IR_OPTS), under
# the chroot oracle when MODE=oracle.
in_root() {
	ir_env=
	while [ $# -gt 1 ]; do
		case $1 in
		-i|*=*) ir_env="$ir_env $1"; shift ;;
		*) break ;;
		esac
	done
	if [ "$MODE" = traced ]; then
		case " $ir_env " in
		*" -i "*) ir_env="$ir_env IAMROOT_RUN_STORE=$IAMROOT_RUN_STORE" ;;
		esac
		as_user env $ir_env "$IR" ${IR_OPTS:-} -r "$R" -- "$@"
	else
		OC_ENV=$ir_env oracle_chroot "$R" "$@"
	fi
}

# tcase TITLE [-i] [NAME=VALUE...] CMD...: a section of a transcript:
# "== TITLE", CMD's standard output (in_root, from $W), "exit=STATUS".
tcase() {
	echo "== $1"
	shift
	(cd "$W" && in_root "$@")
	echo "exit=$?"
}

# have_oracle: the chroot oracle can run here (root, and a private mount
# namespace with a proc mounted in it is allowed: not so in some
# containers).  Says why not, once, on standard error.
have_oracle() {
	if [ -z "${HAVE_ORACLE:-}" ]; then
		HAVE_ORACLE=no
		if ! is_root; then
			echo "NOTE: not root: exact expected values are the oracle" >&2
		elif ! [ -x "$CHROOT" ] || ! "$UNSHARE" -m --propagation private /bin/sh -c \
				'"$1" -t proc proc "$2" && "$3" --version >/dev/null' \
				sh "$MOUNT" "$T" "$CHROOT" 2>/dev/null; then
			echo "NOTE: no chroot oracle here (unshare -m or mount -t proc refused): exact expected values are the oracle" >&2
		else
			HAVE_ORACLE=yes
		fi
	fi
	[ "$HAVE_ORACLE" = yes ]
}

# compare_modes NAME WHAT FUNC: FUNC (writing a transcript with tcase) run
# under iamroot-run and, where have_oracle, under the oracle;
# check_transcript.
compare_modes() {
	MODE=traced
	$3 >"$T/$1.traced" 2>"$T/$1.traced.err"
	cm_oracle=
	if have_oracle; then
		MODE=oracle
		$3 >"$T/$1.oracle" 2>"$T/$1.oracle.err"
		cm_oracle="$T/$1.oracle"
	fi
	if [ -n "${EXEC_KEEP:-}" ]; then
		cp "$T/$1.traced" "$T/$1.traced.err" ${cm_oracle:+"$cm_oracle"} "$EXEC_KEEP/"
	fi
	check_transcript "$1" "$T/$1.traced" "$cm_oracle" "$2"
}

# Known deviations, documented in doc/INTERNALS.md ("Exec"): a changed line
# pair listed in tests/exec/known-deviations (an oracle line, then the
# iamroot-run line, tab-separated, as regular expressions) is accepted with a
# note; any other difference fails.  The list is empty at present.
only_known_deviations() {
	awk -F'\t' -v list="$EXPECTED_DIR/known-deviations" '
		BEGIN { while ((getline l < list) > 0) if (l !~ /^#/ && l != "") { split(l, f, "\t"); n++; old[n] = f[1]; new[n] = f[2] } }
		/^(---|\+\+\+|@@)/ { next }
		/^-/ { o[++no] = substr($0, 2); next }
		/^\+/ { a[++na] = substr($0, 2); next }
		END {
			if (no != na) exit 1
			for (i = 1; i <= no; i++) {
				ok = 0
				for (k = 1; k <= n; k++) if (o[i] ~ old[k] && a[i] ~ new[k]) ok = 1
				if (!ok) exit 1
			}
		}' "$1"
}

# check_same_known ORACLE ACTUAL WHAT: check_same (tests/lib.sh), but a
# difference made only of known deviations is a note, not a failure.
check_same_known() {
	if ! diff -U0 "$1" "$2" >"$T/diff0" && only_known_deviations "$T/diff0"; then
		echo "NOTE: only known deviations:" >&2
		grep '^[-+][^-+]' "$T/diff0" >&2
		return
	fi
	check_same "$@"
}

# check_transcript NAME ACTUAL ORACLE WHAT: ACTUAL against ORACLE (a file,
# when the oracle ran; else empty) or against tests/exec/NAME.expected.
check_transcript() {
	ct_exp="$EXPECTED_DIR/$1.expected"
	if [ -n "$3" ] && [ -n "${EXEC_SAVE_ORACLE:-}" ]; then
		cp "$3" "$EXEC_SAVE_ORACLE/$1.expected"
	fi
	if [ -z "$3" ]; then
		[ -r "$ct_exp" ] || fail "no $ct_exp"
		check_same_known "$ct_exp" "$2" "$4"
		return
	fi
	if [ ! -r "$ct_exp" ]; then
		echo "NOTE: no $1.expected (the oracle is used)" >&2
	elif ! diff -u "$ct_exp" "$3" >"$T/note"; then
		echo "NOTE: the chroot oracle differs from $1.expected (the oracle is used):" >&2
		cat "$T/note" >&2
	fi
	check_same_known "$3" "$2" "$4"
}

# install_as_user SRC DST [MODE]: copy SRC (following links) to DST in a root
# owned by the test identity.
install_as_user() {
	as_user sh -c 'mkdir -p "$(dirname "$2")" && cp -L "$1" "$2" && chmod "$3" "$2"' \
		sh "$1" "$2" "${3:-755}" || fail "installing $1 as $2"
}

# root_skeleton DIR: the parts every root here has, owned by the test
# identity: the merged-/usr links (bin, sbin, lib, lib64 -> usr/...), /etc
# with a marker file ("guest-etc-marker"), /tmp, an empty /proc (where
# iamroot-run binds the host's and the oracle mounts one), /dev/fd ->
# /proc/self/fd and /dev/null (a device as root, else an empty file, where
# iamroot-run binds the host's).
root_skeleton() {
	as_user sh -c '
		set -e
		r=$1
		mkdir -p "$r/usr/bin" "$r/usr/sbin" "$r/usr/lib" "$r/usr/lib64" \
			"$r/etc" "$r/tmp" "$r/proc" "$r/dev"
		for d in bin sbin lib lib64; do
			[ -e "$r/$d" ] || [ -L "$r/$d" ] || ln -s "usr/$d" "$r/$d"
		done
		ln -sfn /proc/self/fd "$r/dev/fd"
		: >"$r/dev/null"
		echo guest-etc-marker >"$r/etc/marker"' sh "$1" || fail "making the skeleton of $1"
	# The oracle needs a real /dev/null (perl -e opens it); iamroot-run
	# binds the host's onto whatever is there.
	if is_root; then
		rm -f "$1/dev/null" && mknod -m 666 "$1/dev/null" c 1 3 ||
			fail "mknod $1/dev/null"
	fi
}

# glibc_root DIR: root_skeleton plus the host's dynamic loader and C library
# (copies, so their inodes are the root's own), at the paths the host has.
glibc_root() {
	root_skeleton "$1"
	for gr_f in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libc.so.6; do
		[ -e "$gr_f" ] || skip "no $gr_f on this host"
		install_as_user "$gr_f" "$1$gr_f"
	done
}

# ---- Debian packages, fetched with the machine's apt configuration ----

# cache_dir: where downloads are kept; prints it.
cache_dir() {
	if [ -n "${IAMROOT_TEST_CACHE:-}" ]; then
		cd_d=$IAMROOT_TEST_CACHE
	elif mkdir -p /var/cache/iamroot-run-tests 2>/dev/null && [ -w /var/cache/iamroot-run-tests ]; then
		cd_d=/var/cache/iamroot-run-tests
	else
		cd_d=${TMPDIR:-/tmp}/iamroot-run-tests-cache-$(id -u)
	fi
	mkdir -p "$cd_d" && chmod 755 "$cd_d" 2>/dev/null
	[ -d "$cd_d" ] && [ -w "$cd_d" ] || return 1
	echo "$cd_d"
}

# machine_source: "URI KEYRING CODENAME" of the machine's main Debian source,
# read from /etc/apt/sources.list.d/debian.sources (deb822) or, failing that,
# a "deb" line of /etc/apt/sources.list.  Nothing is hard-coded.
machine_source() {
	ms_f=/etc/apt/sources.list.d/debian.sources
	if [ -r "$ms_f" ]; then
		awk '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && uri != "" && suite != "" && !done) {
				print uri, (key == "" ? "-" : key), suite; done = 1
			}
			types = uri = suite = key = ""
		}
		/^[ \t]*$/ { flush(); next }
		/^[ \t]*#/ { next }
		tolower($1) == "types:" { types = ""; for (i = 2; i <= NF; i++) types = types " " $i }
		tolower($1) == "uris:" { uri = $2 }
		tolower($1) == "signed-by:" { key = ($2 ~ /^\//) ? $2 : "" }
		tolower($1) == "suites:" {
			for (i = 2; i <= NF; i++) if ($i !~ /[-\/]/) { suite = $i; break }
		}
		END { flush() }' "$ms_f"
		return
	fi
	if [ -r /etc/apt/sources.list ]; then
		awk '$1 == "deb" {
			key = "-"; i = 2
			if ($2 ~ /^\[/) {
				for (; i <= NF; i++) {
					if ($i ~ /signed-by=/) { key = $i; sub(/.*signed-by=/, "", key); sub(/\]$/, "", key) }
					if ($i ~ /\]$/) { i++; break }
				}
			}
			if ($(i + 1) !~ /[-\/]/) { print $i, key, $(i + 1); exit }
		}' /etc/apt/sources.list
	fi
}

# debs_fetch SUITE ARCH SEED...: the .deb files of SEED... and of the library
# packages they need (Depends and Pre-Depends closed over package names
# starting with "lib" or "zlib"), for Debian SUITE (or "machine": the
# machine's own) and ARCH, downloaded once into the cache with a private apt
# state (the machine's mirror and keyring, nothing of the machine's apt state
# touched).  Prints the directory holding them; a later call with the same
# arguments needs no network.  Returns 77 (after printing why) when there is
# no cache and no mirror can be reached.
debs_fetch() {
	df_suite=$1 df_arch=$2
	shift 2
	df_cache=$(cache_dir) || { echo "no writable cache directory" >&2; return 77; }
	df_src=$(machine_source)
	if [ "$df_suite" = machine ] && [ -n "$df_src" ]; then
		df_suite=$(echo "$df_src" | cut -d' ' -f3)
	fi
	df_key=$(echo "$df_suite $df_arch $*" | cksum | cut -d' ' -f1)
	df_dir="$df_cache/$df_suite-$df_arch-$df_key"
	mkdir -p "$df_dir" || return 1
	df_seeds="$*"
	(
		flock 9 || exit 1
		[ -f "$df_dir/complete" ] && exit 0
		[ -n "$df_src" ] || { echo "no Debian source in /etc/apt (and nothing cached in $df_dir)" >&2; exit 77; }
		set -- $df_src
		uri=$1 key=$2 suite=$df_suite
		rm -rf "$df_dir/apt" "$df_dir/debs"
		mkdir -p "$df_dir/apt/state/lists/partial" "$df_dir/apt/cache/archives/partial" \
			"$df_dir/debs" || exit 1
		a=$df_dir/apt
		: >"$a/state/status"
		if [ "$key" = - ]; then
			echo "deb $uri $suite main"
		else
			echo "deb [signed-by=$key] $uri $suite main"
		fi >"$a/sources.list"
		set -- -q -o Dir::State="$a/state" -o Dir::State::status="$a/state/status" \
			-o Dir::Cache="$a/cache" -o Dir::Etc::SourceList="$a/sources.list" \
			-o Dir::Etc::SourceParts=/dev/null -o APT::Architecture="$df_arch" \
			-o APT::Architectures="$df_arch" -o Acquire::Languages=none \
			-o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)" \
			-o Acquire::Retries=1 -o Acquire::http::Timeout=20
		if ! apt-get "$@" update >"$a/update.log" 2>&1 ||
		   grep -q '^[WE]: \(Failed\|Some index\)' "$a/update.log"; then
			echo "apt-get update for $suite/$df_arch from $uri failed (no network?), and nothing is cached in $df_dir:" >&2
			tail -n 5 "$a/update.log" >&2
			exit 77
		fi
		have=
		want=$(printf '%s\n' $df_seeds | sort -u)
		while [ -n "$want" ]; do
			have=$(printf '%s\n' $have $want | sort -u)
			printf '%s\n' $have >"$a/have"
			want=$(apt-cache "$@" depends --no-recommends --no-suggests --no-conflicts \
					--no-breaks --no-replaces --no-enhances $want 2>/dev/null |
				awk '$1 ~ /^\|?(Pre)?Depends:$/ && $2 ~ /^(lib|zlib)/ { print $2 }' |
				sort -u | comm -23 - "$a/have")
		done
		(cd "$df_dir/debs" && apt-get "$@" download $have >"$a/download.log" 2>&1) || {
			echo "apt-get download of" $have "failed:" >&2
			tail -n 5 "$a/download.log" >&2
			exit 1
		}
		rm -rf "$a/state/lists" "$a/cache"	# only the .debs are needed again
		chmod -R a+rX "$df_dir"
		printf '%s\n' $have >"$df_dir/complete"
	) 9>"$df_dir/.lock"
	df_st=$?
	[ "$df_st" = 0 ] || return "$df_st"
	echo "$df_dir/debs"
}

# debs_extract DEBDIR ROOT: every .deb of DEBDIR unpacked (dpkg-deb -x) into
# ROOT as the test identity, then /usr merged as Debian trixie has it: bin,
# sbin, lib and lib64 are links into usr/, what the packages put there moved
# under usr/.
debs_extract() {
	as_user sh -c '
		set -e
		mkdir -p "$2"
		for d in "$1"/*.deb; do dpkg-deb -x "$d" "$2"; done
		for d in bin sbin lib lib64; do
			if [ -d "$2/$d" ] && [ ! -L "$2/$d" ]; then
				mkdir -p "$2/usr/$d"
				cp -a "$2/$d/." "$2/usr/$d/"
				rm -rf "$2/$d"
			fi
		done' sh "$1" "$2" || fail "unpacking $1 into $2"
	root_skeleton "$2"
}

# deb_version DEBDIR PACKAGE: the upstream version of PACKAGE's .deb there
# (no epoch, no Debian revision).
deb_version() {
	dv_f=$(ls "$1/$2"_*.deb 2>/dev/null | head -n 1)
	[ -n "$dv_f" ] || return 1
	dpkg-deb -f "$dv_f" Version | sed -e 's/^[0-9]*://' -e 's/-[^-]*$//' -e 's/[+~].*//'
}

# maps_check TRANSCRIPT ROOT FILE...: TRANSCRIPT holds "map DEV INODE PATH"
# lines (probe maps); each FILE (a guest path) must be mapped with the
# device and inode of ROOT/FILE, and no host file of the same name (its
# device and inode on the host) may be mapped.
maps_check() {
	mc_t=$1 mc_r=$2
	shift 2
	for mc_f in "$@"; do
		mc_want=$(dev_ino "$mc_r$mc_f") || fail "stat $mc_r$mc_f"
		grep -q "^map $mc_want " "$mc_t" || {
			cat "$mc_t" >&2
			fail "the guest's $mc_f ($mc_r$mc_f, dev:inode $mc_want) is not mapped"
		}
		if [ -e "$mc_f" ]; then
			mc_host=$(dev_ino "$mc_f")
			if grep -q "^map $mc_host " "$mc_t"; then
				cat "$mc_t" >&2
				fail "the host's $mc_f (dev:inode $mc_host) is mapped instead of, or besides, the guest's"
			fi
		fi
	done
}

# dev_ino FILE: "MAJ:MIN INODE" of FILE (links followed) as /proc/PID/maps
# prints them (hexadecimal major and minor, at least two digits each).
dev_ino() {
	di=$(stat -L -c '%d %i' "$1") || return 1
	set -- $di
	printf '%02x:%02x %s\n' $((($1 >> 8) & 0xfff)) $((($1 & 0xff) | (($1 >> 12) & 0xfff00))) "$2"
}

# maps_all_in_root TRANSCRIPT ROOT: every "map DEV INODE PATH" line of
# TRANSCRIPT is a file of ROOT: PATH is ROOT/GUESTPATH (a host path) or a
# guest path, and the file there has that device and inode.  Prints "host"
# when host paths were shown, "guest" when guest paths were, "mixed" else.
maps_all_in_root() {
	mr_kinds=
	grep -q '^map ' "$1" || { cat "$1" >&2; fail "no mapped file listed"; }
	while read -r mr_tag mr_dev mr_ino mr_path; do
		[ "$mr_tag" = map ] || continue
		case $mr_path in
		"$2"/*) mr_host=$mr_path mr_kind=host ;;
		*) mr_host=$2$mr_path mr_kind=guest ;;
		esac
		mr_have=$(dev_ino "$mr_host" 2>/dev/null)
		[ "$mr_have" = "$mr_dev $mr_ino" ] || {
			cat "$1" >&2
			fail "a mapped file is not the root's: $mr_path ($mr_dev $mr_ino; $mr_host is ${mr_have:-missing})"
		}
		case " $mr_kinds " in *" $mr_kind "*) ;; *) mr_kinds="$mr_kinds $mr_kind" ;; esac
	done <"$1"
	case $mr_kinds in " host") echo host ;; " guest") echo guest ;; *) echo mixed ;; esac
}
