/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The event loop: one waitpid(-1) per ptrace event.  Every tracee was seized
 * (PTRACE_SEIZE), so group-stops are told apart from signal-delivery-stops
 * and are kept with PTRACE_LISTEN, which is what job control needs.
 */
#include <errno.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emul.h"
#include "log.h"
#include "placement.h"
#include "stats.h"
#include "sysent.h"
#include "tracer.h"

static const struct tracer_config *cfg;
static volatile pid_t command_pid;	/* 0 once reaped: read by handlers */
static volatile sig_atomic_t self_stop_pending;
static int command_status;

static void resume(struct proc *p, int sig, bool to_exit)
{
	p->exit_stop = to_exit;
	if (ptrace(to_exit ? PTRACE_SYSCALL : PTRACE_CONT, p->tid, 0, sig) < 0 && errno != ESRCH)
		log_v(1, "%d: cannot resume: %s", p->tid, strerror(errno));
}

static void on_seccomp(struct proc *p)
{
	struct stop s = { .p = p };
	int r = tracee_syscall_info(p->tid, &s.info);

	if (r < 0 || s.info.op != PTRACE_SYSCALL_INFO_SECCOMP) {
		stats_syscall(ID_NONE);
		if (r != -ESRCH)
			resume(p, 0, false);
		return;
	}
	s.arch = arch_by_audit(s.info.arch);
	if (!s.arch) {	/* the filter kills unknown ABIs: cannot happen */
		stats_syscall(ID_NONE);
		resume(p, 0, false);
		return;
	}
	s.nr = s.info.seccomp.nr;
	memcpy(s.args, s.info.seccomp.args, sizeof(s.args));
	s.id = sysent_id(s.arch, s.nr);
	stats_syscall(s.id);
	log_v(2, "%d: %s %s", p->tid, s.arch->name,
	      s.id == ID_NONE ? "(unknown syscall)" : sysent[s.id].name);

	r = scratch_recognise_restart(&s);
	if (r < 0)
		stop_fail(&s, -r);
	else if (s.id == ID_NONE)
		stop_fail(&s, ENOSYS);	/* newer than our tables: never unresolved */
	else
		r = emul_syscall(&s);
	if (r < 0 && !s.reexec) {
		if (r == -ESRCH)
			return;
		log_v(1, "%d: %s failed in the supervisor: %s", p->tid,
		      s.id == ID_NONE ? "?" : sysent[s.id].name, strerror(-r));
		stop_fail(&s, -r);
	}
	if (!s.reexec) {
		r = tracee_apply(&s);
		if (r == -ESRCH)
			return;
		if (r < 0) {
			/* The syscall would run as the program made it, outside
			 * the root or as the real user: never. */
			log_error("process %d: cannot change its %s: %s; killed", p->tid,
				  s.id == ID_NONE ? "syscall" : sysent[s.id].name, strerror(-r));
			kill(p->tid, SIGKILL);
		} else if (s.args_changed && !s.skip) {
			scratch_record(&s);
		}
	}
	resume(p, 0, s.want_exit);
}

/* Do a and b share the address space (KCMP_VM) or root and cwd (KCMP_FS)?
 * Without kcmp: threads and vfork children share both, forks neither. */
static bool shares(pid_t a, pid_t b, int type, int event)
{
	long r = syscall(SYS_kcmp, a, b, type, 0, 0);

	if (r >= 0)
		return r == 0;
	return event != PTRACE_EVENT_FORK;
}

/* CLONE_VM without CLONE_THREAD is rare, but then it is a process. */
static bool is_thread_of(pid_t tid, pid_t tgid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/task/%d", tgid, tid);
	return access(path, F_OK) == 0;
}

static void on_new_child(struct proc *parent, int event)
{
	unsigned long msg;
	struct proc *child;

	if (ptrace(PTRACE_GETEVENTMSG, parent->tid, 0, &msg) < 0)
		return;
	child = proc_find((pid_t)msg);
	if (!child) {
		child = proc_new((pid_t)msg, NULL);
		if (!child) {
			log_error("out of memory: process %lu runs untraced-for-nothing", msg);
			kill((pid_t)msg, SIGKILL);
			return;
		}
	}
	if (proc_inherit_fs(child, parent, shares(parent->tid, child->tid, KCMP_FS, event)) < 0)
		log_error("out of memory: process %d starts with / as its root", child->tid);
	if (shares(parent->tid, child->tid, KCMP_VM, event)) {
		mm_unref(child->mm);
		child->mm = parent->mm;
		child->mm->refs++;
		if (event == PTRACE_EVENT_CLONE && is_thread_of(child->tid, parent->tgid))
			child->tgid = parent->tgid;
	} else if (mm_copy_for_fork(child->mm, parent->mm) < 0) {
		log_error("out of memory: process %d", child->tid);
	}
	child->creds = parent->creds;
	placement_inherit(child, parent);
	log_v(3, "%d: new process %d", parent->tid, child->tid);
	child->state = PS_RUNNING;
	if (child->attached)
		resume(child, 0, false);
}

/* Exec from a non-leader thread takes over the leader's tid; the old leader
 * vanishes without an exit report. */
static struct proc *on_exec(pid_t pid)
{
	unsigned long former;
	struct proc *p = proc_find(pid);

	if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &former) == 0 && (pid_t)former != pid) {
		struct proc *execer = proc_find((pid_t)former);

		if (execer) {
			if (p) {	/* the old leader, gone */
				emul_after_syscall(p);
				proc_remove(p);
			}
			proc_rekey(execer, pid);
			p = execer;
		}
	}
	if (p && proc_new_mm(p) < 0)
		log_error("out of memory after exec in %d", pid);
	if (p) {
		struct ptrace_syscall_info info;
		bool known = tracee_syscall_info(pid, &info) == 0;

		exec_done(p, known ? arch_by_audit(info.arch) : NULL, known ? info.stack_pointer : 0);
	}
	return p;
}

static void stop_self(int sig)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL }, saved;

	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, &saved);
	raise(sig);	/* returns once continued */
	sigaction(sig, &saved, NULL);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void on_event_stop(struct proc *p, int sig)
{
	if (!p->attached) {
		p->attached = true;
		if (p->state == PS_RUNNING)
			resume(p, 0, false);
		return;
	}
	if (!is_stop_signal(sig)) {
		resume(p, 0, false);	/* woken from a group-stop */
		return;
	}
	ptrace(PTRACE_LISTEN, p->tid, 0, 0);
	/* The terminal stopped us with the command: stop too, by the same
	 * signal, so the shell that started us sees the job stop as usual. */
	if (p->tid == command_pid && self_stop_pending) {
		self_stop_pending = 0;
		stop_self(sig);
	}
}

static void kill_one(struct proc *p, void *data)
{
	kill(p->tid, SIGKILL);
}

static void on_exit_status(pid_t pid, int status)
{
	struct proc *p = proc_find(pid);

	if (p) {
		emul_after_syscall(p);
		proc_remove(p);
	}
	if (pid != command_pid)
		return;
	command_status = status;
	command_pid = 0;
	if (cfg->kill_on_exit)
		proc_foreach(kill_one, NULL);
}

static void on_syscall_exit(struct proc *p)
{
	struct ptrace_syscall_info info;
	const struct arch_def *a;
	int r;

	if (p->exit_stop && tracee_syscall_info(p->tid, &info) == 0 &&
	    info.op == PTRACE_SYSCALL_INFO_EXIT && (a = arch_by_audit(info.arch))) {
		r = p->exit_set_ret ? tracee_set_return(p, a, p->exit_ret)
				    : emul_syscall_exit(p, a, info.exit.rval);
		if (r == -ESRCH)
			return;
		if (r < 0)
			log_v(1, "%d: at syscall exit: %s", p->tid, strerror(-r));
	}
	p->exit_id = ID_NONE;
	p->exit_set_ret = false;
	resume(p, 0, false);
}

static void on_stop(pid_t pid, int status)
{
	int sig = WSTOPSIG(status), event = (unsigned)status >> 16;
	struct proc *p;

	if (event == PTRACE_EVENT_EXEC) {
		stats_stop(STOP_EXEC);
		p = on_exec(pid);
		if (p)
			resume(p, 0, false);
		return;
	}
	p = proc_find(pid);
	if (!p) {
		/* A new child stopped before its parent's fork event: hold it. */
		stats_stop(STOP_EVENT);
		p = proc_new(pid, NULL);
		if (p) {
			p->state = PS_NEW;
			p->attached = true;
		}
		return;
	}
	placement_on_stop(p);
	switch (event) {
	case PTRACE_EVENT_SECCOMP:
		on_seccomp(p);
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		stats_stop(STOP_NEW_TASK);
		on_new_child(p, event);
		resume(p, 0, false);
		break;
	case PTRACE_EVENT_STOP:
		stats_stop(STOP_EVENT);
		on_event_stop(p, sig);
		break;
	case 0:
		if (sig == (SIGTRAP | 0x80)) {
			stats_stop(STOP_SYSCALL_EXIT);
			on_syscall_exit(p);
		} else {
			stats_stop(STOP_SIGNAL);
			resume(p, sig, false);	/* signal-delivery-stop */
		}
		break;
	default:
		stats_stop(STOP_OTHER);
		resume(p, 0, false);
	}
}

int tracer_wait_stop(pid_t pid, int *ret_status)
{
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, __WALL);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (WIFSTOPPED(status)) {
			*ret_status = status;
			return 0;
		}
		/* Killed meanwhile: account for it like the loop would. */
		on_exit_status(pid, status);
		return -ESRCH;
	}
}

/* Signals sent to iamroot-run by kill(1) are meant for the command; the
 * terminal's own signals reach the command directly (same process group). */
static void forward_signal(int sig, siginfo_t *si, void *uc)
{
	pid_t cmd = command_pid;

	if (si->si_code != SI_KERNEL && cmd > 0)
		kill(cmd, sig);
	if (sig == SIGTSTP)
		self_stop_pending = 1;
}

/* Every signal whose default would kill or stop us: forwarded instead (we
 * must outlive the command, or it dies with us, PTRACE_O_EXITKILL). */
static void install_forwarding(void)
{
	static const int sigs[] = {
		SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
		SIGPROF, SIGXCPU, SIGXFSZ, SIGPOLL, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT,
		SIGWINCH,
	};
	struct sigaction sa = { .sa_sigaction = forward_signal, .sa_flags = SA_SIGINFO | SA_RESTART };

	sigemptyset(&sa.sa_mask);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);	/* a closed log pipe: EPIPE, not death */
}

int tracer_loop(const struct tracer_config *config, int *ret_status)
{
	struct proc *command = proc_new(config->command, NULL);

	if (!command)
		return -ENOMEM;
	command->state = PS_RUNNING;
	command->attached = true;	/* seized running: no initial stop */
	creds_init(&command->creds, config->uid, config->gid);
	command->fs->umask = config->umask;
	placement_inherit(command, NULL);
	cfg = config;
	command_pid = config->command;
	install_forwarding();
	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, __WALL);

		placement_tick_if_due();
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;
			return -errno;
		}
		if (WIFSTOPPED(status))
			on_stop(pid, status);
		else
			on_exit_status(pid, status);
	}
	*ret_status = command_status;
	return 0;
}
