"""Byte units and file sizes as people read them, shared by the upload checks and their limits."""

from django.utils import formats
from django.utils.html import avoid_wrapping
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

KB = 1024
MB = 1024 * KB
GB = 1024 * MB


def human_size(num_bytes):
    """ "21,4 МБ" in Russian (Django's own translations of the units), "20 МБ" for a whole number."""
    if num_bytes < KB:
        return avoid_wrapping(ngettext("%(size)d byte", "%(size)d bytes", num_bytes) % {"size": num_bytes})
    for factor, unit in ((GB, _("%s GB")), (MB, _("%s MB")), (KB, _("%s KB"))):
        if num_bytes >= factor:
            value = round(num_bytes / factor, 1)
            decimals = 0 if value == int(value) else 1
            return avoid_wrapping(unit % formats.number_format(value, decimals))
    raise AssertionError("unreachable")
