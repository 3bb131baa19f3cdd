/* CEditLineShim: fixed-arity wrappers over libedit's variadic el_set/history (which Swift cannot
   call), the prompt kept in a static buffer, ^C bound as a key, and the process's signal flags.
   See /work/shared/notes/libedit.md for the recipe and the pitfalls behind each choice. */
#ifndef CEDITLINESHIM_H
#define CEDITLINESHIM_H

#include <stdio.h>
#include <histedit.h>

/* An editor command bound to a key; returns one of libedit's CC_* codes. */
typedef unsigned char (*dzshim_command_fn)(EditLine *el, int ch);

/* Editor: el_init on stdin/stdout/stderr, emacs keys, EL_SIGNAL=1, the prompt, history, client data. */
EditLine *dzshim_el_init(const char *program);
int dzshim_set_editor(EditLine *el, const char *mode);
int dzshim_set_signal(EditLine *el, int on);
/* Copies `text` into a static buffer that the prompt callback returns. */
int dzshim_set_prompt(EditLine *el, const char *text);
int dzshim_set_history(EditLine *el, History *h);
int dzshim_set_clientdata(EditLine *el, void *data);
void *dzshim_get_clientdata(EditLine *el);
/* Binds Tab (^I) to `complete` under the name "dz-complete". */
int dzshim_bind_completion(EditLine *el, dzshim_command_fn complete);
/* Binds ^C as a key that abandons the line (VINTR is disabled in edit mode only; cooked mode keeps
   ^C -> SIGINT for running computations). */
int dzshim_bind_ctrl_c(EditLine *el);
/* 1 if the last line ended by ^C-as-key; clears it. */
int dzshim_take_abandon(void);

/* In-memory history: bounded, consecutive duplicates dropped (H_SETUNIQUE); the file is HistoryStore's (Swift). */
History *dzshim_history_init(int size);
void dzshim_history_end(History *h);
int dzshim_history_enter(History *h, const char *line);
int dzshim_history_count(History *h);

/* Signals. SIGINT and SIGHUP handlers (no SA_RESTART, so a blocked read() returns EINTR) set flags;
   SIGHUP also requests an interrupt, points stdin at /dev/null (reads see EOF) and resets to the default action, so a second SIGHUP ends the
   process. SIGTERM and SIGQUIT keep (are reset to) their default actions (the Swift runtime's crash
   reporter would catch SIGQUIT and wait on the terminal). SIGINT, SIGHUP, SIGTERM and SIGQUIT are unblocked,
   since a parent may have spawned us with them blocked. Returns 0 on success. */
int dzshim_install_signal_handlers(void);
/* The interrupt flag: set by SIGINT (and SIGHUP). `take` reads and clears it atomically. */
int dzshim_take_interrupt(void);
void dzshim_clear_interrupt(void);
int dzshim_interrupt_requested(void);
/* Set by SIGHUP: the terminal went away. */
int dzshim_hangup_requested(void);

/* Returns the allocator's free pages to the system (glibc's malloc_trim; nothing elsewhere). */
void dzshim_release_free_memory(void);

#endif
