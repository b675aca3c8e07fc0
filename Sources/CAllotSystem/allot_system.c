// Copyright (C) 2026 the Allot authors. GPL-3.0-or-later (see LICENSE).
#include "allot_system.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 64
#define PATH_BYTES 4096

// Each slot holds a path; `used` says whether a handler may read it. A slot is filled before it is
// marked used and unmarked before it is reused, so a handler never sees half a path.
static char paths[SLOTS][PATH_BYTES];
static atomic_int used[SLOTS];
static atomic_int installed;

static void remove_temporaries_and_reraise(int sig) {
    for (int slot = 0; slot < SLOTS; slot++) {
        if (atomic_load(&used[slot]) == 1) unlink(paths[slot]);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void allot_install_cleanup_handlers(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&installed, &expected, 1)) return;
    int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = remove_temporaries_and_reraise;
        sigemptyset(&action.sa_mask);
        struct sigaction previous;
        // A signal the parent chose to ignore (nohup) stays ignored.
        if (sigaction(signals[i], NULL, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        sigaction(signals[i], &action, NULL);
    }
}

int allot_register_temporary(const char *path) {
    size_t length = strlen(path);
    if (length >= PATH_BYTES) return -1;
    for (int slot = 0; slot < SLOTS; slot++) {
        int expected = 0;
        // 2 marks a slot being filled: taken, but not yet to be read by a handler.
        if (atomic_compare_exchange_strong(&used[slot], &expected, 2)) {
            memcpy(paths[slot], path, length + 1);
            atomic_store(&used[slot], 1);
            return slot;
        }
    }
    return -1;
}

void allot_forget_temporary(int slot) {
    if (slot >= 0 && slot < SLOTS) atomic_store(&used[slot], 0);
}

int allot_reopen_closed_standard_descriptors(void) {
    int closed = 0;
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            int opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (opened >= 0 && opened != fd) {
                dup2(opened, fd);
                close(opened);
            }
            closed |= 1 << fd;
        }
    }
    return closed;
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void allot_keep_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}
