/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "sysent.h"

#define BUCKETS 1024u

static struct proc *table[BUCKETS];
static unsigned nprocs;

static unsigned bucket(pid_t tid)
{
	return (unsigned)tid % BUCKETS;
}

struct proc *proc_find(pid_t tid)
{
	for (struct proc *p = table[bucket(tid)]; p; p = p->hnext)
		if (p->tid == tid)
			return p;
	return NULL;
}

static void link_proc(struct proc *p)
{
	unsigned b = bucket(p->tid);

	p->hnext = table[b];
	table[b] = p;
}

static void unlink_proc(struct proc *p)
{
	for (struct proc **pp = &table[bucket(p->tid)]; *pp; pp = &(*pp)->hnext)
		if (*pp == p) {
			*pp = p->hnext;
			return;
		}
}

static struct mm *mm_new(void)
{
	struct mm *mm = calloc(1, sizeof(*mm));

	if (mm)
		mm->refs = 1;
	return mm;
}

void mm_unref(struct mm *mm)
{
	if (!mm || --mm->refs)
		return;
	free(mm->maps);
	free(mm->exe);
	free(mm);
}

int mm_copy_for_fork(struct mm *dst, const struct mm *src)
{
	char *exe = src->exe ? strdup(src->exe) : NULL;
	struct scratch_map *maps = src->nmaps ? calloc(src->nmaps, sizeof(*maps)) : NULL;

	if ((src->exe && !exe) || (src->nmaps && !maps)) {
		free(exe);
		free(maps);
		return -ENOMEM;
	}
	for (unsigned i = 0; i < src->nmaps; i++)
		maps[i].base = src->maps[i].base;
	free(dst->exe);
	free(dst->maps);
	dst->exe = exe;
	dst->loader_argv = src->loader_argv;
	dst->maps = maps;
	dst->nmaps = src->nmaps;
	return 0;
}

void pending_exec_free(struct pending_exec *pe)
{
	if (!pe)
		return;
	free(pe->exe);
	free(pe->execfn);
	free(pe);
}

void proc_release_slot(struct proc *p)
{
	if (p->slot >= 0 && p->mm && (unsigned)p->slot / SCRATCH_SLOTS < p->mm->nmaps)
		p->mm->maps[p->slot / SCRATCH_SLOTS].used &= ~(1ull << (p->slot % SCRATCH_SLOTS));
	p->slot = -1;
	p->slot_base = 0;
	p->slot_pos = 0;
	p->nrecs = 0;
}

static struct fs *fs_new(const char *root)
{
	struct fs *fs = calloc(1, sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refs = 1;
	fs->root = strdup(root);
	if (!fs->root) {
		free(fs);
		return NULL;
	}
	return fs;
}

static void fs_unref(struct fs *fs)
{
	if (!fs || --fs->refs)
		return;
	free(fs->root);
	free(fs);
}

int fs_set_root(struct fs *fs, const char *session_root)
{
	char *r = strdup(session_root);

	if (!r)
		return -ENOMEM;
	free(fs->root);
	fs->root = r;
	return 0;
}

int proc_inherit_fs(struct proc *child, struct proc *parent, bool share)
{
	struct fs *fs = share ? parent->fs : fs_new(parent->fs->root);

	if (!fs)
		return -ENOMEM;
	fs->umask = parent->fs->umask;
	if (share)
		fs->refs++;
	fs_unref(child->fs);
	child->fs = fs;
	return 0;
}

struct proc *proc_new(pid_t tid, struct mm *share_mm)
{
	struct proc *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->fs = fs_new("/");
	if (!p->fs) {
		free(p);
		return NULL;
	}
	p->tid = tid;
	p->tgid = tid;
	p->slot = -1;
	p->exit_id = ID_NONE;
	if (share_mm) {
		p->mm = share_mm;
		share_mm->refs++;
	} else if (!(p->mm = mm_new())) {
		fs_unref(p->fs);
		free(p);
		return NULL;
	}
	link_proc(p);
	nprocs++;
	return p;
}

void proc_remove(struct proc *p)
{
	proc_release_slot(p);
	mm_unref(p->mm);
	fs_unref(p->fs);
	pending_exec_free(p->exec);
	unlink_proc(p);
	nprocs--;
	free(p);
}

void proc_rekey(struct proc *p, pid_t new_tid)
{
	unlink_proc(p);
	p->tid = new_tid;
	p->tgid = new_tid;
	link_proc(p);
}

unsigned proc_count(void)
{
	return nprocs;
}

void proc_foreach(void (*fn)(struct proc *p, void *data), void *data)
{
	for (unsigned b = 0; b < BUCKETS; b++)
		for (struct proc *p = table[b], *next; p; p = next) {
			next = p->hnext;
			fn(p, data);
		}
}

int proc_new_mm(struct proc *p)
{
	struct mm *mm = mm_new();

	if (!mm)
		return -ENOMEM;
	proc_release_slot(p);
	mm_unref(p->mm);
	p->mm = mm;
	return 0;
}
