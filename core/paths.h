/* paths.h - where the program finds its filters and data. */
#ifndef UNSPIN_PATHS_H
#define UNSPIN_PATHS_H
/* 1 when the running program is the one in the build tree (not installed). */
int paths_running_uninstalled(void);
#endif
