/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The exec target of loop-forkexec: linked statically, does nothing. */
int main(void)
{
	return 0;
}
