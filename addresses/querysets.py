from django.db import connections, models
from django.db.models import BooleanField, FloatField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from addresses.normalize import normalize, words

MIN_QUERY_LENGTH = 3


class AddressQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, query):
        """Addresses matching what a person typed; nothing until 3 characters (suggestions start there).

        Every typed word must begin a word of the normalized text, on both databases, so suggestions
        narrow as people type. When nothing matches that way PostgreSQL forgives a typo: pg_trgm's word
        similarity ("хмельницково" finds "Хмельницкого"); both are served by the GIN trigram index.
        """
        normalized = normalize(query)
        if len(normalized.replace(" ", "")) < MIN_QUERY_LENGTH:
            return self.none()
        every_word = Q()
        for word in words(query):
            # Word prefixes, not substrings: "8" finds "д. 8" and "д. 8, корп. 2" but not "д. 38".
            every_word &= Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")
        # Shorter texts first: "ул. Щорса, д. 8" before "ул. Щорса, д. 8, корп. 2".
        exact = self.filter(every_word).order_by(Length("search_text"), "search_text")
        if connections[self.db].vendor != "postgresql" or exact.exists():
            return exact
        return self._similar(normalized)

    def _similar(self, normalized):
        # "%s <% search_text" is the word-similarity operator (threshold pg_trgm.word_similarity_threshold,
        # 0.6 by default); unlike a similarity() comparison it can use the index.
        close = RawSQL("%s <%% search_text", [normalized], output_field=BooleanField())
        rank = RawSQL("word_similarity(%s, search_text)", [normalized], output_field=FloatField())
        return (self.alias(close=close).filter(close=True).alias(rank=rank)
                .order_by("-rank", Length("search_text"), "search_text"))
