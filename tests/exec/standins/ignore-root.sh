#!/bin/sh
# A stand-in for iamroot-run that ignores -r DIR (and its other options): it
# runs COMMAND on the host, unprivileged, untraced.
while [ $# -gt 0 ]; do
	case $1 in
	-r|-w|-q|-b|-u|-s|-l) shift 2 ;;
	--) shift; break ;;
	-*) shift ;;
	*) break ;;
	esac
done
exec "$@"
