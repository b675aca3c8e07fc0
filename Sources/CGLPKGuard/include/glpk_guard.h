/*
 * Allot: guarded calls into GLPK.
 *
 * GLPK reports a fatal error (an internal assertion, an invalid argument) by printing a message
 * and calling abort(). Each function here installs an error hook, calls one GLPK routine under
 * setjmp and, if GLPK raises a fatal error, returns ALLOT_GUARD_FATAL instead of aborting.
 *
 * After a fatal error the thread's GLPK environment has been freed (as the GLPK manual requires):
 * every problem object created on this thread is gone. allot_guard_generation() changes whenever
 * that happens, so callers can tell that their problem handles are no longer valid.
 *
 * Swift cannot call setjmp and must not be jumped over, so no Swift frame ever stands between the
 * setjmp below and GLPK.
 */
#ifndef ALLOT_GLPK_GUARD_H
#define ALLOT_GLPK_GUARD_H

#include <glpk.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ALLOT_GUARD_OK = 0,
    ALLOT_GUARD_FATAL = -1
};

/* Statistics gathered during glp_intopt by the guard's callback. */
typedef struct allot_mip_progress {
    int has_bound;        /* 1 if best_bound was recorded */
    double best_bound;    /* bound of the best active node (global bound) */
    int has_gap;          /* 1 if gap was recorded */
    double gap;           /* relative MIP gap when last seen (DBL_MAX before an incumbent) */
    int incumbents;       /* number of improved integer solutions found */
} allot_mip_progress;

/* The current thread's environment generation; it changes after every fatal error. */
unsigned long allot_guard_generation(void);

/* GLPK's terminal output captured during the last guarded call on this thread (at most the last
 * 4 KiB), NUL-terminated. */
const char *allot_guard_last_output(void);

/* Whether GLPK's terminal output is also echoed to stderr on this thread (default: no). */
void allot_guard_set_echo(int echo);

/* Frees the thread's GLPK environment (every problem created on this thread becomes invalid) and
 * advances the generation. For worker threads that are about to end. */
void allot_guard_release_thread(void);

glp_prob *allot_guard_create_prob(void);
int allot_guard_add_rows(glp_prob *P, int count);
int allot_guard_add_cols(glp_prob *P, int count);
int allot_guard_load_matrix(glp_prob *P, int ne, const int ia[], const int ja[], const double ar[]);
int allot_guard_simplex(glp_prob *P, const glp_smcp *parm, int *rc);
int allot_guard_intopt(glp_prob *P, const glp_iocp *parm, int *rc, allot_mip_progress *progress);
int allot_guard_factorize(glp_prob *P, int *rc);
int allot_guard_warm_up(glp_prob *P, int *rc);
int allot_guard_analyze_bound(glp_prob *P, int k, double *value1, int *var1, double *value2,
                              int *var2);
/* One pivot of the dual simplex, taken by hand: the basic variable k (1 to m: a row's auxiliary
 * variable; m + 1 to m + n: a column) leaves the basis at its lower bound (dir = +1) or its upper
 * bound (dir = -1), and the non-basic variable that the dual ratio test picks enters. The basis
 * must be factorized and dual feasible. k's row of the simplex table (as glp_eval_tab_row gives
 * it) is computed from the constraint matrix given column by column: column j (1 to n) holds
 * entries col_start[j - 1] to col_start[j] - 1 of col_row (row numbers, 1 to m) and col_val.
 * rho holds 1 + m entries; ind and val 1 + n each. *entering is the variable that entered, or 0
 * when none can (no dual feasible adjacent basis exists; the statuses are then unchanged). The
 * factorization is left to be computed afresh. */
int allot_guard_pivot_out(glp_prob *P, int k, int dir, const int col_start[], const int col_row[],
                          const double col_val[], double rho[], int ind[], double val[], int *entering);
/* The column of the simplex tableau of the non-basic variable k (glp_eval_tab_col): ind and val
 * hold 1 + m entries each (m rows); *len is the number of entries written. */
int allot_guard_eval_tab_col(glp_prob *P, int k, int ind[], double val[], int *len);
int allot_guard_analyze_coef(glp_prob *P, int k, double *coef1, int *var1, double *value1,
                             double *coef2, int *var2, double *value2);
int allot_guard_read_mps(glp_prob *P, int fmt, const char *fname, int *rc);
int allot_guard_write_mps(glp_prob *P, int fmt, const char *fname, int *rc);
int allot_guard_read_lp(glp_prob *P, const char *fname, int *rc);
int allot_guard_write_lp(glp_prob *P, const char *fname, int *rc);
int allot_guard_delete_prob(glp_prob *P);
int allot_guard_scale_prob(glp_prob *P, int flags);

#ifdef __cplusplus
}
#endif

#endif
