from appeals.choices import OPEN_STATUSES, FileRole, Status
from appeals.models.appeal import Appeal, AppealNumber, TransitionNotAllowed
from appeals.models.files import AppealFile
from appeals.models.history import AppealEvent, AppealNote
from appeals.models.topics import ReplyTemplate, Topic

__all__ = [
    "Appeal", "AppealEvent", "AppealFile", "AppealNote", "AppealNumber", "FileRole", "OPEN_STATUSES",
    "ReplyTemplate", "Status", "Topic", "TransitionNotAllowed",
]
