/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "resolve.h"
#include "sysent.h"
#include "tracer.h"

struct store;

/* Handle one trapped syscall: translate, emulate or let it through. */
int emul_syscall(struct stop *s);
/* p's previous syscall has completed (it stopped again, or exited). */
void emul_after_syscall(struct proc *p);
/* The exit stop a handler asked for (s->want_exit, p->exit_id). */
int emul_syscall_exit(struct proc *p, const struct arch_def *a, int64_t rval);

/* vroot.c: the session's virtual root directory and its bindings. */
extern struct vroot session;
int vroot_init(const char *host_dir, bool default_binds);
/* HOST[:GUEST], GUEST defaulting to HOST. */
int vroot_bind(const char *spec);
/* Every guest path is its own host path: nothing to translate. */
bool vroot_is_identity(void);

/* handlers.c, shared by the handler families */
/* Nothing to translate for this process: identity root, no chroot. */
bool needs_no_translation(const struct stop *s);
/* Session path of what the tracee's fd (or working directory) is. */
int fd_session_path(const struct stop *s, int dirfd, char *ret, size_t size);
/* The same for a directory a relative path starts from: -ENOTDIR when the
 * fd is no directory. */
int base_of(const struct stop *s, int dirfd, char *ret, size_t size);
/* A session path as the process sees it from its root. */
const char *as_seen_by(const struct proc *p, const char *session_path);
/* Host path of a guest path; 1 when the kernel can resolve it as it is. */
int host_path_of(struct stop *s, int dirfd_idx, const char *guest, unsigned rflags,
		 char *ret_host, size_t size);
/* Read path argument idx; a bad pointer fails the syscall (s->skip). */
int read_path(struct stop *s, int idx, char *buf, size_t size);
int put_path_arg(struct stop *s, int idx, const char *host);
/* Argument idx made to point at a copy of data in scratch memory. */
int put_data_arg(struct stop *s, int idx, const void *data, size_t len);
struct open_how;
/* openat2's struct open_how (zeroed beyond what the caller gave). */
int read_open_how(struct stop *s, struct open_how *how);
/* The errno for making or removing the root itself, by syscall. */
int root_name_error(unsigned id);
/* Translate path argument path_idx, already read as guest, in place. */
int translate_guest(struct stop *s, int dirfd_idx, int path_idx, unsigned rflags, const char *guest);
/* How the last component of the first path is treated: RES_* flags. */
int first_path_flags(struct stop *s, const struct sysent *e, unsigned *ret);
/* The PATH family: path arguments translated, nothing else. */
int handle_paths(struct stop *s, const struct sysent *e);

/* mount.c */
int handle_mount(struct stop *s, const struct sysent *e);
/* identity.c */
void creds_init(struct creds *c, uint32_t uid, uint32_t gid);
bool creds_capable(const struct creds *c, int cap);
/* After an exec: capabilities as the kernel recomputes them for root. */
void creds_exec(struct creds *c);
int handle_identity(struct stop *s);
int handle_prctl(struct stop *s);

/* fakeroot.c */
extern struct store *store;
/* What programs see of a file: fake fields from the store, root for what
 * belongs to the real user.  st: its real stat, changed in place. */
void fake_view(const char *host, bool nofollow, struct stat *st);
/* The host path of the object of a call on a path, an fd or a dirfd with
 * AT_EMPTY_PATH, and whether a symlink there is the object.  1: the
 * syscall was answered (s->skip) or needs nothing from us. */
int object_of(struct stop *s, const struct sysent *e, char *host, size_t size, bool *nofollow);
/* The host path of a guest path for the supervisor to act on itself: as
 * host_path_of, and where the kernel could resolve it as it is, named
 * through /proc/PID/cwd or /proc/PID/fd/N.  0 or -errno. */
int object_host_path(struct stop *s, int dirfd_idx, const char *guest, unsigned rflags,
		     char *host, size_t size);
/* The real stat of an object and what programs see of it. */
int current(const char *host, bool nofollow, struct stat *real, struct stat *fake);
bool in_groups(const struct creds *c, gid_t gid);
int handle_access(struct stop *s, const struct sysent *e);
/* Open the metadata store; an error (said on stderr) ends the session. */
int fakeroot_init(const char *store_path);
void fakeroot_done(void);
mode_t real_mode_for(mode_t fake, bool dir);
int handle_stat(struct stop *s, const struct sysent *e);
int handle_chown_chmod(struct stop *s, const struct sysent *e);
int handle_mknod(struct stop *s, const struct sysent *e);
int handle_umask(struct stop *s);

/* devices.c: inodes whose fake type is not their real one */
void fake_type_note(dev_t dev, ino_t ino, mode_t mode, dev_t rdev);
void fake_type_forget(dev_t dev, ino_t ino);
void fake_types_load(struct store *s);
bool fake_devices_exist(void);
int handle_getdents(struct stop *s);
int handle_getdents_exit(struct proc *p, const struct arch_def *a, int64_t rval);
/* The host device to open instead of a fake one (null, zero...), or NULL. */
const char *host_device_for(const char *host);

/* create.c */
/* Owner and group of a new file at host (the creator's fake fsuid and
 * fsgid, or a setgid directory's group, and its setgid bit for a new
 * directory). */
void new_file_owner(const struct stop *s, const char *host, uid_t *uid, gid_t *gid, mode_t *mode,
		    bool dir);
int handle_mkdir(struct stop *s, const struct sysent *e);
int handle_symlink(struct stop *s, const struct sysent *e);
int handle_open(struct stop *s, const struct sysent *e);
int handle_open_exit(struct proc *p, const struct arch_def *a, int64_t rval);

/* xattr.c */
int handle_xattr(struct stop *s, const struct sysent *e);

/* exec.c */
int handle_exec(struct stop *s, const struct sysent *e);
/* 1 and ret the file to open instead of /proc/PID/cmdline (host path) of
 * a program run through a loader; 0: open that one. */
int cmdline_for(const char *host, char *ret, size_t size);
/* -q: the qemu-user binary for programs of another machine. */
void exec_set_qemu(const char *path);
/* The exec event of p: make it look as it would have natively. */
void exec_done(struct proc *p, const struct arch_def *a, uint64_t sp);
/* At the stops after an exec through a loader: AT_EXECFN put back. */
void exec_execfn_late(struct stop *s);

/* affinity.c */
int handle_affinity(struct stop *s);
int handle_affinity_exit(struct proc *p, const struct arch_def *a, int64_t rval);

/* procmaps.c: 1 and ret the file to open instead of /proc/PID/maps or
 * smaps (host), with the paths seen from p's root; 0: open that one. */
int maps_for(struct stop *s, const char *host, char *ret, size_t size);

/* sock.c */
int handle_sock(struct stop *s);
int handle_sock_exit(struct proc *p, const struct arch_def *a, int64_t rval);
int handle_sendmmsg_exit(struct proc *p, const struct arch_def *a, int64_t rval);

/* vroot.c: the session's private directory under $TMPDIR, made on first
 * use, removed with all it holds by session_cleanup(). */
int session_tmpdir(const char **ret);
void session_cleanup(void);
