/* loader.h - checks of a filter descriptor, shared by the loader and tests. */
#ifndef UNSPIN_LOADER_H
#define UNSPIN_LOADER_H
#include "unspin/filter.h"
/* 0 when f can be used; else -1 and *err says why, naming the plugin at path. */
int loader_check_descriptor(const unspin_filter *f, const char *path, char **err);
#endif
