#!/bin/sh
# A stand-in: the real iamroot-run ($IAMROOT_REAL), but -r DIR dropped
# (traced, fake root, on the host's /).  See README.
args=
while [ $# -gt 0 ]; do
	case $1 in
	-r) shift 2 ;;
	--) break ;;
	*) args="$args $1"; shift ;;
	esac
done
exec "${IAMROOT_REAL:?IAMROOT_REAL: the real iamroot-run}" $args "$@"
