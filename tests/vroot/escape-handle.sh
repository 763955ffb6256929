# ESCAPE: file handles cannot reach a canary outside the root:
# name_to_handle_at of its host path, "/../canary" and "../canary" does not
# yield the canary's handle (the one the same call gives natively), and
# open_by_handle_at of the canary's real handle reads nothing (iamroot-run
# refuses it with EPERM, documented).  Control: name_to_handle_at of a guest
# file works.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
native=$(as_user "$R/escape" handle-native "$CANARY") || fail "name_to_handle_at natively: $native"
handle=${native#handle: ok handle }
[ "$handle" != "$native" ] || skip "name_to_handle_at does not work here: $native"
run_to "$T/out" traced -r "$R" -- /escape handle "$CANARY" "$handle"
if grep -F -- "$handle" "$T/out" >&2; then
	fail "ESCAPE: name_to_handle_at in the root gave the handle of the canary outside it ($handle)"
fi
escape_verdict "$T/out" \
	'control open_by_handle_at <handle of /etc/vroot-marker>: EPERM'
grep -q '^control name_to_handle_at /etc/vroot-marker: ok handle ' "$T/out" ||
	fail "control: name_to_handle_at of a guest file: $(grep 'control name_to' "$T/out")"
exit 0
