"""Values a process works out once and keeps, in a dictionary of bounded size (issue 18: the admin's
app lists and sidebars, kept tags, headers and forms, static URLs)."""


def remembered(store, key, make, limit):
    """store[key], made by `make()` the first time (an exception from it is raised and nothing kept).
    A store that holds `limit` entries starts again empty: keys that drift (row counts, query
    strings) would otherwise fill it once and leave every later key unkept for the process's life."""
    try:
        return store[key]
    except KeyError:
        pass
    value = make()
    if len(store) >= limit:
        store.clear()
    store[key] = value
    return value
