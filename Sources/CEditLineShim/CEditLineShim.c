#include "CEditLineShim.h"
#include <signal.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/* ---- editor ---------------------------------------------------------------------------------- */

static char prompt_buffer[512] = "dz> ";
static char *prompt_callback(EditLine *el) { (void)el; return prompt_buffer; }

EditLine *dzshim_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }
int dzshim_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int dzshim_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }

int dzshim_set_prompt(EditLine *el, const char *text) {
    snprintf(prompt_buffer, sizeof prompt_buffer, "%s", text);
    return el_set(el, EL_PROMPT, prompt_callback);
}

int dzshim_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
int dzshim_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

void *dzshim_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

int dzshim_bind_completion(EditLine *el, dzshim_command_fn complete) {
    if (el_set(el, EL_ADDFN, "dz-complete", "complete the word before the cursor", complete) != 0) return -1;
    return el_set(el, EL_BIND, "^I", "dz-complete", NULL);
}

static atomic_int abandon_flag = 0;

/* ^C while editing: move to the end, show "^C", and finish the line with a pushed newline, so that
   libedit's own ed-newline moves the cursor below the (possibly multi-row) line. The caller sees
   dzshim_take_abandon() == 1 and drops the text. */
static unsigned char abandon_line(EditLine *el, int ch) {
    (void)ch;
    atomic_store(&abandon_flag, 1);
    el_cursor(el, 1 << 20);
    el_insertstr(el, "^C");
    el_push(el, "\n");
    return CC_REFRESH;
}

int dzshim_bind_ctrl_c(EditLine *el) {
    if (el_set(el, EL_SETTY, "-d", "intr=", NULL) != 0) return -1;
    if (el_set(el, EL_ADDFN, "dz-abandon-line", "abandon the current line", abandon_line) != 0) return -1;
    return el_set(el, EL_BIND, "^C", "dz-abandon-line", NULL);
}

int dzshim_take_abandon(void) { return atomic_exchange(&abandon_flag, 0); }

/* ---- history --------------------------------------------------------------------------------- */

History *dzshim_history_init(int size) {
    HistEvent ev;
    History *h = history_init();
    if (h) {
        history(h, &ev, H_SETSIZE, size);
        history(h, &ev, H_SETUNIQUE, 1);
    }
    return h;
}

void dzshim_history_end(History *h) { if (h) history_end(h); }
int dzshim_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }

int dzshim_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0) return -1;
    return ev.num;
}

/* ---- signals --------------------------------------------------------------------------------- */

static atomic_int interrupt_flag = 0;
static atomic_int hangup_flag = 0;

static void on_sigint(int signo) { (void)signo; atomic_store(&interrupt_flag, 1); }
static int dev_null = -1;

static void on_sighup(int signo) {
    (void)signo;
    atomic_store(&hangup_flag, 1);
    /* The terminal is gone: make stdin read EOF, so a read() that had not started yet when the
       signal came (or that libedit retries) cannot block forever. dup2 is async-signal-safe. */
    if (dev_null >= 0) dup2(dev_null, 0);
    atomic_store(&interrupt_flag, 1);   /* a running computation unwinds, then the loop sees EOF */
}

int dzshim_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;                    /* NO SA_RESTART: read() must fail with EINTR */
    sa.sa_handler = on_sigint;
    if (sigaction(SIGINT, &sa, NULL) != 0) return -1;

    if (dev_null < 0) dev_null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    sa.sa_handler = on_sighup;
    sa.sa_flags = SA_RESETHAND;         /* a second SIGHUP takes the default action */
    if (sigaction(SIGHUP, &sa, NULL) != 0) return -1;

    sa.sa_handler = SIG_DFL;            /* SIGTERM ends the process; history is already on disk */
    sa.sa_flags = 0;
    if (sigaction(SIGTERM, &sa, NULL) != 0) return -1;
    /* SIGQUIT (Ctrl-\) quits as its default action does. The Swift runtime's crash reporter
       installs a handler for it at startup, which on a terminal waits for a key press. */
    if (sigaction(SIGQUIT, &sa, NULL) != 0) return -1;

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGQUIT);
    return sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int dzshim_take_interrupt(void) { return atomic_exchange(&interrupt_flag, 0); }
void dzshim_clear_interrupt(void) { atomic_store(&interrupt_flag, 0); }
int dzshim_interrupt_requested(void) { return atomic_load_explicit(&interrupt_flag, memory_order_relaxed); }
int dzshim_hangup_requested(void) { return atomic_load(&hangup_flag); }

/* ---- memory ---------------------------------------------------------------------------------- */

void dzshim_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
