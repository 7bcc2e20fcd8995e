/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The store's seam (store.c): the db, SQLite in WAL mode, when chatd is
 * built with it. Without it these are stubs and the db option is refused.
 */

#ifndef STORE_H
#define STORE_H

/* The schema this chatd writes; an older one is upgraded at start. */
#define STORE_SCHEMA	1

#ifdef HAVE_SQLITE
int	 store_open(const char *, char **);
void	 store_start(void);
void	 store_close(void);
int	 store_check(const char *, char **);
int	 store_enabled(void);
uint64_t store_turn_gen(void);
void	 store_flush(void);
#else
static inline int
store_open(const char *path, char **cause)
{
	*cause = xstrdup("this chatd was built without SQLite (db)");
	return (-1);
}

static inline int
store_check(const char *path, char **cause)
{
	return (store_open(path, cause));
}

static inline void	store_start(void) {}
static inline void	store_close(void) {}
static inline int	store_enabled(void) { return (0); }
static inline uint64_t	store_turn_gen(void) { return (0); }
static inline void	store_flush(void) {}
#endif

#endif
