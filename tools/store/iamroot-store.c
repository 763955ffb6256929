/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * iamroot-store: look at the metadata store of iamroot-run.
 *   list              the fallback log's records
 *   check TREE        records with no such inode under TREE, or another type
 *   export [TREE]     fakeroot save-file lines (faked -s): the log, or every
 *                     fake inode under TREE wherever it is kept
 *   import FILE [TREE] a fakeroot save file into the store
 *   stats             size, live part, records
 */
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "store.h"

struct inode {
	uint64_t dev, ino;
	mode_t mode;
};

static struct inode *inodes;
static size_t ninodes, capinodes;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	if (ninodes == capinodes) {
		struct inode *n = realloc(inodes, (capinodes = capinodes ? capinodes * 2 : 4096) * sizeof(*n));
		if (!n)
			return -1;
		inodes = n;
	}
	inodes[ninodes++] = (struct inode){ st->st_dev, st->st_ino, st->st_mode };
	return 0;
}

static const struct inode *find_inode(uint64_t dev, uint64_t ino)
{
	for (size_t i = 0; i < ninodes; i++)
		if (inodes[i].ino == ino && inodes[i].dev == dev)
			return &inodes[i];
	return NULL;
}

static void print_meta(const struct store_entry *e)
{
	const struct fake_meta *m = &e->meta;

	printf("dev=%llx ino=%llu", (unsigned long long)e->dev, (unsigned long long)e->ino);
	if (m->mask & FM_UID)
		printf(" uid=%u", m->uid);
	if (m->mask & FM_GID)
		printf(" gid=%u", m->gid);
	if (m->mask & (FM_MODE | FM_TYPE))
		printf(" mode=%o", m->mode);
	if (m->mask & FM_RDEV)
		printf(" rdev=%u,%u", major(m->rdev), minor(m->rdev));
	for (size_t i = 0; i < e->n_xattrs; i++)
		printf(" xattr=%s(%zu)", e->xattrs[i].name, e->xattrs[i].size);
}

static int list_one(const struct store_entry *e, void *data)
{
	print_meta(e);
	putchar('\n');
	return 0;
}

static int check_one(const struct store_entry *e, void *data)
{
	unsigned *bad = data;
	const struct inode *in;

	if (ninodes && inodes[0].dev != e->dev)
		return 0;	/* another file system than the tree's */
	in = find_inode(e->dev, e->ino);
	if (in && (!e->real_mode || (in->mode & S_IFMT) == (e->real_mode & S_IFMT)))
		return 0;
	print_meta(e);
	printf(in ? ": the inode is now of another type\n" : ": no such inode under the tree\n");
	(*bad)++;
	return 0;
}

static void usage(FILE *f)
{
	fputs("Usage: iamroot-store [--store FILE] list | check TREE | export [TREE] |\n"
	      "                     import FILE [TREE] | stats\n"
	      "The store is FILE, else $IAMROOT_RUN_STORE, else\n"
	      "$XDG_DATA_HOME/iamroot-run/store or ~/.local/share/iamroot-run/store.\n", f);
}

static const char *default_store(char *buf, size_t size)
{
	const char *env = getenv("IAMROOT_RUN_STORE"), *xdg = getenv("XDG_DATA_HOME"),
		   *home = getenv("HOME");

	if (env && *env)
		return env;
	if (xdg && *xdg == '/')
		snprintf(buf, size, "%s/iamroot-run/store", xdg);
	else if (home && *home == '/')
		snprintf(buf, size, "%s/.local/share/iamroot-run/store", home);
	else
		return NULL;
	return buf;
}

static int run(struct store *s, int argc, char **argv)
{
	const char *cmd = argv[0];
	unsigned bad = 0;
	int r;

	if (!strcmp(cmd, "list") && argc == 1)
		return store_foreach(s, list_one, NULL);
	if (!strcmp(cmd, "check") && argc == 2) {
		if (nftw(argv[1], collect, 64, FTW_PHYS | FTW_MOUNT) < 0)
			return -errno;
		r = store_foreach(s, check_one, &bad);
		if (r == 0)
			printf("%u record(s) do not match the tree\n", bad);
		return r < 0 ? r : bad ? 1 : 0;
	}
	if (!strcmp(cmd, "export") && argc <= 2) {
		r = store_export_fakeroot(s, stdout, argc == 2 ? argv[1] : NULL);
		return r < 0 ? r : 0;
	}
	if (!strcmp(cmd, "import") && (argc == 2 || argc == 3)) {
		FILE *in = fopen(argv[1], "re");
		if (!in)
			return -errno;
		r = store_import_fakeroot(s, in, argv[1], argc == 3 ? argv[2] : NULL);
		fclose(in);
		if (r >= 0)
			printf("%d entr%s imported\n", r, r == 1 ? "y" : "ies");
		return r < 0 ? r : 0;
	}
	if (!strcmp(cmd, "stats") && argc == 1) {
		struct store_stats st;
		r = store_stats(s, &st);
		if (r == 0)
			printf("file %llu bytes, live %llu bytes, %zu records\n",
			       (unsigned long long)st.file_size, (unsigned long long)st.live_bytes,
			       st.entries);
		return r;
	}
	usage(stderr);
	return -EINVAL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "store", required_argument, NULL, 's' }, { "help", no_argument, NULL, 'h' }, {}
	};
	char buf[4096];
	const char *path = NULL;
	struct store *s;
	int c, r;

	while ((c = getopt_long(argc, argv, "+s:h", opts, NULL)) != -1) {
		if (c == 's')
			path = optarg;
		else {
			usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (!path)
		path = default_store(buf, sizeof(buf));
	if (!path || optind >= argc) {
		usage(stderr);
		return 2;
	}
	r = store_open(path, &s);
	if (r < 0) {
		fprintf(stderr, "iamroot-store: %s: %s %s\n", path, strerror(-r), store_error());
		return 2;
	}
	r = run(s, argc - optind, argv + optind);
	store_close(s);
	if (r < 0) {
		fprintf(stderr, "iamroot-store: %s %s\n", strerror(-r), store_error());
		return 2;
	}
	return r;
}
