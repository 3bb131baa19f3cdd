/* CThreadFlags: per-thread booleans the engine reads on every operation (whether the
   graph is recorded, whether layers train). A C thread-local is a few instructions to
   read, where pthread_getspecific is a call of some fifty. */
#ifndef CTHREADFLAGS_H
#define CTHREADFLAGS_H

/* Flag 0: gradients off (no_grad); flag 1: test mode. All clear on a new thread. */
extern _Thread_local unsigned char dz_thread_flags[2];

static inline int dz_thread_flag(int i) { return dz_thread_flags[i]; }
static inline void dz_set_thread_flag(int i, int value) { dz_thread_flags[i] = (unsigned char)(value != 0); }

#endif
