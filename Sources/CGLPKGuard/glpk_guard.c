/*
 * Allot: guarded calls into GLPK. See include/glpk_guard.h.
 * Copyright (C) 2026 the Allot authors. GPL-3.0-or-later.
 */
#include <stdlib.h>
#include "glpk_guard.h"

#include <float.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#define OUTPUT_CAPACITY 4096

static _Thread_local unsigned long generation = 0;
static _Thread_local char output[OUTPUT_CAPACITY];
static _Thread_local size_t output_length = 0;
static _Thread_local int echo_output = 0;
static _Thread_local jmp_buf *active_jump = NULL;

unsigned long allot_guard_generation(void) { return generation; }

const char *allot_guard_last_output(void) {
    output[output_length < OUTPUT_CAPACITY ? output_length : OUTPUT_CAPACITY - 1] = '\0';
    return output;
}

void allot_guard_set_echo(int echo) { echo_output = echo; }

/* Keeps the tail of GLPK's terminal output; returns non-zero so GLPK prints nothing itself. */
static int capture_output(void *info, const char *text) {
    (void)info;
    size_t length = strlen(text);
    if (echo_output) fputs(text, stderr);
    if (length >= OUTPUT_CAPACITY - 1) {
        text += length - (OUTPUT_CAPACITY - 1);
        length = OUTPUT_CAPACITY - 1;
    }
    if (output_length + length >= OUTPUT_CAPACITY) {
        size_t keep = OUTPUT_CAPACITY - 1 - length;
        memmove(output, output + output_length - keep, keep);
        output_length = keep;
    }
    memcpy(output + output_length, text, length);
    output_length += length;
    output[output_length] = '\0';
    return 1;
}

static void on_fatal_error(void *info) {
    (void)info;
    if (active_jump != NULL) longjmp(*active_jump, 1);
}

static void begin_call(void) {
    output_length = 0;
    output[0] = '\0';
    glp_term_hook(capture_output, NULL);
}

/* Called after a longjmp out of GLPK: the environment must be freed before any further use. */
static void recover(void) {
    active_jump = NULL;
    glp_free_env();
    generation++;
}

void allot_guard_release_thread(void) {
    glp_free_env();
    generation++;
}

/* GUARDED(statement): runs statement under the error hook; returns ALLOT_GUARD_FATAL if GLPK raised
 * a fatal error while running it. */
#define GUARDED(statement)                                  \
    do {                                                    \
        jmp_buf jump;                                       \
        begin_call();                                       \
        if (setjmp(jump) != 0) {                            \
            recover();                                      \
            return ALLOT_GUARD_FATAL;                       \
        }                                                   \
        active_jump = &jump;                                \
        glp_error_hook(on_fatal_error, NULL);               \
        statement;                                          \
        glp_error_hook(NULL, NULL);                         \
        active_jump = NULL;                                 \
        return ALLOT_GUARD_OK;                              \
    } while (0)

glp_prob *allot_guard_create_prob(void) {
    begin_call();
    return glp_create_prob();
}

int allot_guard_add_rows(glp_prob *P, int count) { GUARDED(glp_add_rows(P, count)); }

int allot_guard_add_cols(glp_prob *P, int count) { GUARDED(glp_add_cols(P, count)); }

int allot_guard_load_matrix(glp_prob *P, int ne, const int ia[], const int ja[], const double ar[]) {
    GUARDED(glp_load_matrix(P, ne, ia, ja, ar));
}

int allot_guard_simplex(glp_prob *P, const glp_smcp *parm, int *rc) {
    GUARDED(*rc = glp_simplex(P, parm));
}

static _Thread_local allot_mip_progress *active_progress = NULL;

static void record_progress(glp_tree *tree, void *info) {
    (void)info;
    allot_mip_progress *progress = active_progress;
    if (progress == NULL) return;
    if (glp_ios_reason(tree) == GLP_IBINGO) progress->incumbents++;
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        progress->best_bound = glp_ios_node_bound(tree, best);
        progress->has_bound = 1;
    }
    progress->gap = glp_ios_mip_gap(tree);
    progress->has_gap = 1;
}

int allot_guard_intopt(glp_prob *P, const glp_iocp *parm, int *rc, allot_mip_progress *progress) {
    glp_iocp local = *parm;
    memset(progress, 0, sizeof *progress);
    progress->gap = DBL_MAX;
    local.cb_func = record_progress;
    local.cb_info = NULL;
    active_progress = progress;
    jmp_buf jump;
    begin_call();
    if (setjmp(jump) != 0) {
        active_progress = NULL;
        recover();
        return ALLOT_GUARD_FATAL;
    }
    active_jump = &jump;
    glp_error_hook(on_fatal_error, NULL);
    *rc = glp_intopt(P, &local);
    glp_error_hook(NULL, NULL);
    active_jump = NULL;
    active_progress = NULL;
    return ALLOT_GUARD_OK;
}

int allot_guard_factorize(glp_prob *P, int *rc) { GUARDED(*rc = glp_factorize(P)); }

int allot_guard_warm_up(glp_prob *P, int *rc) { GUARDED(*rc = glp_warm_up(P)); }

int allot_guard_analyze_bound(glp_prob *P, int k, double *value1, int *var1, double *value2,
                              int *var2) {
    GUARDED(glp_analyze_bound(P, k, value1, var1, value2, var2));
}

static void take_pivot(glp_prob *P, int k, int dir, int len, int ind[], double val[], int *entering);

/* glp_eval_tab_row's row of the simplex table, alfa[j] = -rho N[j] with rho = inv(B') e[i], from
 * the matrix column by column: a column's entries side by side rather than in GLPK's lists. */
static void pivot_out_by_columns(glp_prob *P, int k, int dir, const int col_start[], const int col_row[],
                                 const double col_val[], double rho[], int ind[], double val[], int *entering) {
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    int i = k <= m ? glp_get_row_bind(P, k) : glp_get_col_bind(P, k - m);
    *entering = 0;
    if (i < 1 || i > m) return;
    for (int t = 1; t <= m; t++) rho[t] = 0.0;
    rho[i] = 1.0;
    glp_btran(P, rho);
    /* Which variables are basic, from the basis header (m lookups) rather than a status read
     * per variable (each a visit to that variable's record). */
    char *basic = calloc((size_t)(m + n + 1), 1);
    if (basic != NULL) {
        for (int t = 1; t <= m; t++) {
            int head = glp_get_bhead(P, t);
            if (head >= 1 && head <= m + n) basic[head] = 1;
        }
    }
    int len = 0;
    for (int r = 1; r <= m; r++) {
        int is_basic = basic != NULL ? basic[r] : glp_get_row_stat(P, r) == GLP_BS;
        if (is_basic || rho[r] == 0.0) continue;
        len++, ind[len] = r, val[len] = -rho[r];
    }
    for (int j = 1; j <= n; j++) {
        int is_basic = basic != NULL ? basic[m + j] : glp_get_col_stat(P, j) == GLP_BS;
        if (is_basic) continue;
        double alfa = 0.0;
        for (int t = col_start[j - 1]; t < col_start[j]; t++) alfa += rho[col_row[t]] * col_val[t];
        if (alfa != 0.0) len++, ind[len] = m + j, val[len] = alfa;
    }
    free(basic);
    take_pivot(P, k, dir, len, ind, val, entering);
}

static void take_pivot(glp_prob *P, int k, int dir, int len, int ind[], double val[], int *entering) {
    int m = glp_get_num_rows(P);
    int piv = glp_dual_rtest(P, len, ind, val, dir, 1e-9);
    *entering = 0;
    if (piv == 0) return;
    int q = ind[piv];
    /* For a variable with one bound, GLPK reads either non-basic status as that bound. */
    int stat = dir > 0 ? GLP_NL : GLP_NU;
    if (k <= m) glp_set_row_stat(P, k, stat); else glp_set_col_stat(P, k - m, stat);
    if (q <= m) glp_set_row_stat(P, q, GLP_BS); else glp_set_col_stat(P, q - m, GLP_BS);
    *entering = q;
}

int allot_guard_pivot_out(glp_prob *P, int k, int dir, const int col_start[], const int col_row[],
                          const double col_val[], double rho[], int ind[], double val[], int *entering) {
    GUARDED(pivot_out_by_columns(P, k, dir, col_start, col_row, col_val, rho, ind, val, entering));
}

int allot_guard_eval_tab_col(glp_prob *P, int k, int ind[], double val[], int *len) {
    GUARDED(*len = glp_eval_tab_col(P, k, ind, val));
}

int allot_guard_analyze_coef(glp_prob *P, int k, double *coef1, int *var1, double *value1,
                             double *coef2, int *var2, double *value2) {
    GUARDED(glp_analyze_coef(P, k, coef1, var1, value1, coef2, var2, value2));
}

int allot_guard_read_mps(glp_prob *P, int fmt, const char *fname, int *rc) {
    GUARDED(*rc = glp_read_mps(P, fmt, NULL, fname));
}

int allot_guard_write_mps(glp_prob *P, int fmt, const char *fname, int *rc) {
    GUARDED(*rc = glp_write_mps(P, fmt, NULL, fname));
}

int allot_guard_read_lp(glp_prob *P, const char *fname, int *rc) {
    GUARDED(*rc = glp_read_lp(P, NULL, fname));
}

int allot_guard_write_lp(glp_prob *P, const char *fname, int *rc) {
    GUARDED(*rc = glp_write_lp(P, NULL, fname));
}

int allot_guard_delete_prob(glp_prob *P) { GUARDED(glp_delete_prob(P)); }

int allot_guard_scale_prob(glp_prob *P, int flags) { GUARDED(glp_scale_prob(P, flags)); }
