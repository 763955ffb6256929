#!/bin/sh
# Run the whole test suite: unit tests (cmocka) and integration tests (real
# programs under iamroot-run as an unprivileged uid), in a normal build and in
# an ASan+UBSan build.  Installs what is missing first.
#   ./run-tests.sh              the default suite (what CI runs first)
#   ./run-tests.sh --extended   also the long suites (suite 'extended')
set -eu
cd "$(dirname "$0")"

suites="--suite unit --suite integration"
case "${1:-}" in
--extended) suites="$suites --suite extended" ;;
"") ;;
*) echo "usage: $0 [--extended]" >&2; exit 2 ;;
esac

./tools/deps.sh

configure() { # DIR OPTIONS...
	dir=$1; shift
	if [ ! -d "$dir" ]; then
		meson setup "$dir" "$@" >/dev/null
	else
		meson configure "$dir" "$@" >/dev/null
	fi
	ninja -C "$dir" >/dev/null
}

configure build-test -Dtests=true
configure build-asan -Dtests=true -Dsanitize=true

status=0
for dir in build-test build-asan; do
	echo "=== $dir"
	# shellcheck disable=SC2086
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C "$dir" $suites --num-processes 2 --print-errorlogs || status=1
done

# One closing line for whoever reads the log: totals over both builds.
python3 - build-test/meson-logs/testlog.json build-asan/meson-logs/testlog.json <<'PY'
import json, sys
count = {"passed": 0, "failed": 0, "skipped": 0}
for path in sys.argv[1:]:
    for line in open(path):
        r = json.loads(line)["result"]
        count["passed" if r in ("OK", "EXPECTEDFAIL") else "skipped" if r == "SKIP" else "failed"] += 1
print(f"{count['passed']} passed, {count['failed']} failed, {count['skipped']} skipped")
PY
exit $status
