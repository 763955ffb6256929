#!/bin/sh
# A stand-in that finds the program in the root but lets the kernel load its
# ELF interpreter (and so its libc) from the host, untraced: the trap that
# section 5 of DESIGN.md is about.
root=/
while [ $# -gt 0 ]; do
	case $1 in
	-r) root=$2; shift 2 ;;
	-w|-q|-b|-u|-s|-l) shift 2 ;;
	--) shift; break ;;
	-*) shift ;;
	*) break ;;
	esac
done
p=$1; shift
case $p in /*) p=$root$p ;; esac
exec "$p" "$@"
