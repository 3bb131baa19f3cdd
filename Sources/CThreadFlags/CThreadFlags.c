#include "CThreadFlags.h"

_Thread_local unsigned char dz_thread_flags[2];
