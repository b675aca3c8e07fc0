// Process-level helpers that must be async-signal-safe, and so are written in C: a registry of
// temporary files that SIGINT and SIGTERM remove before the process ends.
//
// Copyright (C) 2026 the Allot authors. GPL-3.0-or-later (see LICENSE).
#ifndef ALLOT_SYSTEM_H
#define ALLOT_SYSTEM_H

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every registered temporary file,
/// then end the process by the same signal (so the parent sees how it ended). Idempotent.
void allot_install_cleanup_handlers(void);

/// Registers a temporary file to remove if the process is interrupted. Returns a slot number
/// (>= 0) for allot_forget_temporary, or -1 when the registry is full (the file still works; it is
/// just not cleaned up by a signal).
int allot_register_temporary(const char *path);

/// Takes a file off the registry (after it was renamed into place or removed).
void allot_forget_temporary(int slot);

/// Reopens descriptors 0, 1 and 2 on /dev/null when they are closed, so that no file the process
/// opens later takes their number. Returns a bit mask of the descriptors that were closed
/// (1 for standard input, 2 for standard output, 4 for standard error).
int allot_reopen_closed_standard_descriptors(void);

/* Keeps freed blocks of up to 64 MiB on the heap for reuse (glibc), instead of handing each back
   to the system: a re-solve allocates and frees arrays of a few hundred kilobytes (a solution's
   values, duals and reduced costs), and a fresh mapping for each costs a page fault per page.
   On the 10,000-request walk of cuts this halves the time (minor page faults 2.8M -> 50k).
   Does nothing without glibc. */
void allot_keep_freed_memory(void);

#endif
