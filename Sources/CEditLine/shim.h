/* libedit (Debian: libedit-dev): the native histedit.h API and the readline compatibility header. */
#include <stdio.h>
#include <histedit.h>
#include <editline/readline.h>
