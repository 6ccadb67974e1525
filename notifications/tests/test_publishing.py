"""One delivery task per transaction, published after commit, carrying the ids of all its rows
(issue 18); a rollback publishes nothing and a broker that is down loses nothing.

The tasks are read back from a real Redis with no worker attached (the broker's `celery` list).
"""

import base64
import json

import pytest
import redis
from django.db import transaction

from notifications import sweep_token
from notifications.models import Notification, Status
from notifications.services import notifications_requeue_unsent, queue_email, queue_sms

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
CONTEXT = {"object_label": "Заявка № 2026-000001", "status_label": "Принята"}


class EventFailed(Exception):
    pass


def published(broker_url):
    """(task name, first argument) of every task waiting in the broker, oldest first."""
    tasks = []
    for raw in reversed(redis.Redis.from_url(broker_url).lrange("celery", 0, -1)):
        message = json.loads(raw)
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        tasks.append((message["headers"]["task"], args[0]))
    return tasks


def email(number=1):
    return queue_email(to=f"user{number}@example.ru", template="status_changed", context=CONTEXT)


def sms(number=1):
    return queue_sms(to=f"+7916{number:07d}", template="status_changed", context=CONTEXT)


def test_a_transaction_publishes_one_task_with_all_its_ids_after_commit(use_broker, clean_test_redis):
    use_broker(clean_test_redis)
    with transaction.atomic():
        first, text, second = email(1), sms(1), email(2)
        assert published(clean_test_redis) == []  # nothing before the commit

    assert published(clean_test_redis) == [
        ("notifications.tasks.send_notifications", [first.pk, text.pk, second.pk])]


def test_while_a_transactions_task_waits_later_transactions_publish_none(use_broker, clean_test_redis):
    """The waiting task sends their rows (sweep_token); once it has started, the next one publishes."""
    use_broker(clean_test_redis)
    with transaction.atomic():
        first = email(1)
    with transaction.atomic():
        email(2), sms(2)
    assert [ids for _task, ids in published(clean_test_redis)] == [[first.pk]]

    sweep_token.release()  # what the task does as it starts, before it reads any row
    with transaction.atomic():
        third = email(3)
    assert [ids for _task, ids in published(clean_test_redis)] == [[first.pk], [third.pk]]


def test_with_batches_off_each_transaction_publishes_its_own_task(use_broker, clean_test_redis, settings):
    settings.NOTIFICATIONS_BATCH_SIZE = 0  # a task sends its own rows only: nobody else would send them
    use_broker(clean_test_redis)
    with transaction.atomic():
        first = email(1)
    with transaction.atomic():
        second, text = email(2), sms(2)

    assert [ids for _task, ids in published(clean_test_redis)] == [[first.pk], [second.pk, text.pk]]


def test_a_publish_that_fails_gives_the_token_back(use_broker, clean_test_redis, monkeypatch):
    from notifications import tasks

    use_broker(clean_test_redis)

    def broker_refuses(*args, **kwargs):
        raise ConnectionError("broker refused the message")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.send_notifications, "apply_async", broker_refuses)
        with transaction.atomic():
            email(1)
    with transaction.atomic():
        second = email(2)

    assert [ids for _task, ids in published(clean_test_redis)] == [[second.pk]]


def test_a_rolled_back_transaction_publishes_nothing(use_broker, clean_test_redis):
    use_broker(clean_test_redis)
    with pytest.raises(EventFailed), transaction.atomic():
        email(1), sms(1)
        raise EventFailed

    assert published(clean_test_redis) == []
    assert not Notification.objects.exists()


def test_rows_of_a_savepoint_rolled_back_first_do_not_take_the_others_with_them(use_broker, clean_test_redis):
    """The first row's savepoint is rolled back (and with it the hook registered there): the rows the
    transaction queues afterwards still get their task."""
    use_broker(clean_test_redis)
    with transaction.atomic():
        with pytest.raises(EventFailed), transaction.atomic():
            email(1)
            raise EventFailed
        kept, text = email(2), sms(2)

    assert [ids for _task, ids in published(clean_test_redis)] == [[kept.pk, text.pk]]
    assert set(Notification.objects.values_list("pk", flat=True)) == {kept.pk, text.pk}


def test_rows_of_released_savepoints_and_of_the_transaction_share_one_task(use_broker, clean_test_redis):
    """A service's own atomic() inside the request's transaction (ATOMIC_REQUESTS) is a savepoint."""
    use_broker(clean_test_redis)
    with transaction.atomic():
        with transaction.atomic():
            first = email(1)
        second = sms(1)
        with transaction.atomic(), transaction.atomic():
            third = email(2)

    assert [ids for _task, ids in published(clean_test_redis)] == [[first.pk, second.pk, third.pk]]


def test_a_row_of_a_savepoint_rolled_back_later_is_at_most_a_no_op_in_the_task(use_broker, clean_test_redis):
    use_broker(clean_test_redis)
    with transaction.atomic():
        kept = email(1)
        with pytest.raises(EventFailed), transaction.atomic():
            gone = email(2)
            raise EventFailed

    ((_task, ids),) = published(clean_test_redis)
    assert kept.pk in ids and set(ids) <= {kept.pk, gone.pk}
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept.pk]


def test_with_the_broker_down_the_event_commits_and_the_rows_are_published_later(
    use_broker, clean_test_redis, closed_port
):
    use_broker(f"redis://127.0.0.1:{closed_port}/0")
    with transaction.atomic():
        rows = [email(1), sms(1)]

    assert set(Notification.objects.values_list("status", flat=True)) == {Status.QUEUED}
    use_broker(clean_test_redis)
    assert notifications_requeue_unsent(older_than_seconds=0) == 2
    assert sorted(ids for _task, ids in published(clean_test_redis)) == sorted(row.pk for row in rows)


def test_a_transaction_of_many_rows_is_spread_over_tasks(use_broker, clean_test_redis, settings):
    from notifications import tasks

    use_broker(clean_test_redis)
    with transaction.atomic():
        rows = [email(number) for number in range(tasks.IDS_PER_TASK + 3)]

    chunks = [ids for _task, ids in published(clean_test_redis)]
    assert [len(ids) for ids in chunks] == [tasks.IDS_PER_TASK, 3]
    assert [pk for ids in chunks for pk in ids] == [row.pk for row in rows]
