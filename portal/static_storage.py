"""Static files' URLs, each worked out once per process (issue 18).

With DEBUG off the templates' `{% static %}` and the admin's form media ask WhiteNoise's manifest
storage for a URL on every use: a look-up of the hashed name, then splitting, unquoting and joining
the URL again, about 3% of a page's instructions for the six to fifteen files a page links. The
manifest is read once when the storage is made and never changes in a running process, so the URL
of a name is the same for the process's life: kept here after the first use.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

from portal.kept import remembered

# Names come from templates and form media, a few dozen in all; the bound only guards the memory.
_MAX_KEPT = 2048


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage whose `url(name)` is kept per name once known (a
    name missing from the manifest still raises every time, as Django's does)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        return remembered(self._kept_urls, name, lambda: super(ManifestStaticFilesStorage, self).url(name),
                          _MAX_KEPT)
