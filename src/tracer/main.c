/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "config.h"
#include "emul.h"
#include "filter.h"
#include "log.h"
#include "placement.h"
#include "spawn.h"
#include "stats.h"
#include "tracer.h"

#define EXIT_OWN_FAILURE 125

struct options {
	const char *root;
	char **binds;
	unsigned nbinds;
	bool no_default_binds;
	const char *cwd;
	const char *log_file;
	const char *store;
	bool kill_on_exit;
	bool stats;
	enum placement_mode placement;
	uint32_t uid, gid;
	char **argv;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: iamroot-run [OPTIONS] [--] [COMMAND [ARG...]]\n"
		"Run COMMAND (default: $SHELL, else /bin/sh) as root inside a directory,\n"
		"without privileges.\n"
		"\n"
		"  -r, --root DIR       use DIR as the root directory (default: /, or\n"
		"                       $IAMROOT_RUN_ROOT when set)\n"
		"  -w, --cwd DIR        start in DIR, a path inside the root (default: /\n"
		"                       with --root, else the current directory)\n"
		"  -b, --bind HOST[:GUEST]  make host path HOST appear at GUEST inside the\n"
		"                       root (default GUEST: HOST); repeatable\n"
		"  -n, --no-default-binds  do not bind /proc, /sys and the basic /dev\n"
		"                       nodes into the root\n"
		"  -u, --user UID[:GID] run COMMAND as that (fake) user; default 0:0\n"
		"  -q, --qemu QEMU      run programs of another machine with this\n"
		"                       qemu-user (default: qemu-ARCH[-static] found in\n"
		"                       /usr/bin, /usr/local/bin, /bin)\n"
		"  -s, --store FILE     keep fake metadata that cannot go in extended\n"
		"                       attributes in FILE (default: $IAMROOT_RUN_STORE,\n"
		"                       else $XDG_DATA_HOME/iamroot-run/store, else\n"
		"                       ~/.local/share/iamroot-run/store)\n"
		"  -1, --one-cpu        run every process on the supervisor's CPU, even\n"
		"                       while it computes (default: only while it\n"
		"                       makes syscalls iamroot-run must see)\n"
		"      --no-pin         let the kernel place every process, never\n"
		"                       pinned to the supervisor's CPU\n"
		"  -k, --kill-on-exit   kill the processes left when COMMAND exits\n"
		"                       (default: trace them until they exit)\n"
		"  -v, --verbose        log what is done to stderr; repeat for more\n"
		"  -l, --log-file FILE  log to FILE instead of stderr\n"
		"      --stats          at the end, log how often the processes stopped\n"
		"                       (by kind, trapped syscalls by name) and the\n"
		"                       supervisor's CPU time\n"
		"  -h, --help           show this help\n"
		"  -V, --version        show the version\n"
		"\n"
		"Exit status: COMMAND's, 128+N if it died of signal N, 125 if iamroot-run\n"
		"failed, 126 if COMMAND cannot be executed, 127 if it is not found.\n");
}

static int parse_id(const char *s, uint32_t *ret)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v >= UINT32_MAX)
		return -EINVAL;
	*ret = (uint32_t)v;
	return 0;
}

/* UID or UID:GID (the group defaults to the uid's number). */
static int parse_user(const char *arg, uint32_t *ret_uid, uint32_t *ret_gid)
{
	char buf[64];
	char *colon;
	uint32_t uid, gid;

	if (snprintf(buf, sizeof(buf), "%s", arg) >= (int)sizeof(buf))
		return -EINVAL;
	colon = strchr(buf, ':');
	if (colon)
		*colon = '\0';
	if (parse_id(buf, &uid) < 0 || parse_id(colon ? colon + 1 : buf, &gid) < 0)
		return -EINVAL;
	*ret_uid = uid;
	*ret_gid = gid;
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "cwd", required_argument, NULL, 'w' },
		{ "bind", required_argument, NULL, 'b' },
		{ "no-default-binds", no_argument, NULL, 'n' },
		{ "kill-on-exit", no_argument, NULL, 'k' },
		{ "one-cpu", no_argument, NULL, '1' },
		{ "no-pin", no_argument, NULL, 'P' },
		{ "stats", no_argument, NULL, 'S' },
		{ "user", required_argument, NULL, 'u' },
		{ "store", required_argument, NULL, 's' },
		{ "qemu", required_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "log-file", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	int c;

	o->root = getenv("IAMROOT_RUN_ROOT");
	while ((c = getopt_long(argc, argv, "+r:w:b:nk1u:s:q:vl:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o->root = optarg; break;
		case 'w': o->cwd = optarg; break;
		case 'b': {
			char **b = realloc(o->binds, (o->nbinds + 1) * sizeof(*b));
			if (!b)
				return -ENOMEM;
			o->binds = b;
			o->binds[o->nbinds++] = optarg;
			break;
		}
		case 'n': o->no_default_binds = true; break;
		case 's': o->store = optarg; break;
		case 'q': exec_set_qemu(optarg); break;
		case 'u':
			if (parse_user(optarg, &o->uid, &o->gid) < 0) {
				log_error("--user takes UID[:GID], numbers: %s", optarg);
				return -EINVAL;
			}
			break;
		case 'k': o->kill_on_exit = true; break;
		case '1': o->placement = PLACE_ONE_CPU; break;
		case 'P': o->placement = PLACE_OFF; break;
		case 'S': o->stats = true; break;
		case 'v': log_level++; break;
		case 'l': o->log_file = optarg; break;
		case 'h': usage(stdout); exit(0);
		case 'V': printf("iamroot-run %s\n", PACKAGE_VERSION); exit(0);
		default: usage(stderr); return -EINVAL;
		}
	}
	o->argv = argv + optind;
	return 0;
}

/* mkdir -p of the directories above path. */
static int make_parents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -errno;
		}
		*p = '/';
	}
	return 0;
}

/* Where the store goes when not named: the user's data directory, as the
 * XDG base directory rules have it. */
static int default_store(char *buf, size_t size, const char **ret)
{
	const char *env = getenv("IAMROOT_RUN_STORE"), *xdg = getenv("XDG_DATA_HOME"),
		   *home = getenv("HOME");
	int n;

	if (env && *env) {
		*ret = env;
		return 0;
	}
	if (xdg && *xdg == '/')
		n = snprintf(buf, size, "%s/iamroot-run/store", xdg);
	else if (home && *home == '/')
		n = snprintf(buf, size, "%s/.local/share/iamroot-run/store", home);
	else
		n = -1;
	if (n > 0 && n < (int)size && make_parents(buf) == 0) {
		*ret = buf;
		return 0;
	}
	/* No usable home (a service user): the temporary directory, said. */
	n = snprintf(buf, size, "%s/iamroot-run-%u/store",
		     getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", getuid());
	if (n >= (int)size)
		return -ENAMETOOLONG;
	log_error("warning: no writable home directory: metadata store in %s (use --store)", buf);
	*ret = buf;
	return make_parents(buf);
}

/* The host directory the command starts in, or NULL to stay where we are. */
static int start_dir(const struct options *o, char *buf, size_t size, const char **ret_dir)
{
	const char *guest = o->cwd;
	int r;

	if (!guest && !o->root) {
		*ret_dir = NULL;
		return 0;
	}
	if (!guest)
		guest = "/";
	if (guest[0] != '/') {
		log_error("--cwd must be an absolute path inside the root: %s", guest);
		return -EINVAL;
	}
	r = vroot_session_to_host(&session, guest, buf, size);
	if (r < 0)
		return r;
	*ret_dir = buf;
	return 0;
}

/* The command died of sig: die of it too, so a shell sees what it would
 * have seen (bash stops a loop on a child's SIGINT), without a core file of
 * our own; 128+sig if it does not kill us. */
static void die_like(int sig)
{
	struct rlimit no_core = { 0, 0 };
	sigset_t set;

	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	exit(128 + sig);
}

static int run(struct options *o)
{
	static char *default_argv[2];
	char cwd_buf[PATH_MAX], store_buf[PATH_MAX];
	struct spawn_args sa = {};
	struct filter filter;
	struct tracer_config cfg = { .kill_on_exit = o->kill_on_exit, .uid = o->uid, .gid = o->gid };
	int status, r;

	if (o->log_file && (r = log_open_file(o->log_file)) < 0) {
		log_error("cannot open log file %s: %s", o->log_file, strerror(-r));
		return EXIT_OWN_FAILURE;
	}
	r = vroot_init(o->root ? o->root : "/", !o->no_default_binds);
	if (r < 0) {
		log_error("cannot use %s as root: %s", o->root, strerror(-r));
		return EXIT_OWN_FAILURE;
	}
	for (unsigned i = 0; i < o->nbinds; i++) {
		r = vroot_bind(o->binds[i]);
		if (r < 0) {
			log_error("cannot bind %s: %s", o->binds[i], strerror(-r));
			return EXIT_OWN_FAILURE;
		}
	}
	if (!o->argv[0]) {
		default_argv[0] = getenv("SHELL") ? getenv("SHELL") : "/bin/sh";
		o->argv = default_argv;
	}
	if (start_dir(o, cwd_buf, sizeof(cwd_buf), &sa.host_cwd) < 0)
		return EXIT_OWN_FAILURE;
	if (!o->store && (r = default_store(store_buf, sizeof(store_buf), &o->store)) < 0) {
		log_error("no place for the metadata store: %s; name one with --store", strerror(-r));
		return EXIT_OWN_FAILURE;
	}
	if (fakeroot_init(o->store) < 0)
		return EXIT_OWN_FAILURE;
	cfg.umask = umask(0);
	umask(cfg.umask);
	placement_init(o->placement);
	if (o->stats)
		stats_enable();
	r = filter_build(&filter);
	if (r < 0) {
		log_error("cannot build the seccomp filter: %s", strerror(-r));
		return EXIT_OWN_FAILURE;
	}
	sa.argv = o->argv;
	sa.filter = &filter;
	r = spawn_traced(&sa, &cfg.command);
	filter_free(&filter);
	umask(0);	/* what we make for the tracees has the mode we give it */
	if (r < 0)
		return EXIT_OWN_FAILURE;
	r = tracer_loop(&cfg, &status);
	session_cleanup();
	fakeroot_done();
	placement_done();
	stats_report();
	if (r < 0) {
		log_error("tracing failed: %s", strerror(-r));
		return EXIT_OWN_FAILURE;
	}
	if (WIFSIGNALED(status))
		die_like(WTERMSIG(status));
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	struct options o = {};
	int r = parse_options(argc, argv, &o) < 0 ? EXIT_OWN_FAILURE : run(&o);

	free(o.binds);
	return r;
}
