# Shell pipelines (several processes connected by pipes, forked and exec'd by
# sh) give the same output and statuses as natively.
. "$SRCDIR/tests/lib.sh"

out=$(traced -- sh -c 'printf "b\na\nb\nc\na\nb\n" | sort | uniq -c | sort -rn | awk "{print \$2 \$1}"' 2>&1)
check_eq "$(printf 'b3\na2\nc1')" "$out" "output of printf | sort | uniq -c | sort -rn | awk"
same_as_native sh -c 'printf "b\na\nb\nc\na\nb\n" | sort | uniq -c | wc -l'
same_as_native sh -c 'seq 1 20000 | sort -r | uniq | tail -n 3; seq 1 5000 | wc -c'
same_as_native sh -c 'echo x | cat | cat | cat | tr x y; echo "status $?"'
same_as_native sh -c 'false | true; echo "status $?"; true | false; echo "status $?"'
same_as_native sh -c 'yes | head -n 100000 | wc -l'
exit 0
