"""Steps shared by the apps' data migrations. Kept stable on purpose: old migrations run them too."""

from django.contrib.auth.management import create_permissions


def grant_to_group(apps, group_name, permissions):
    """Give `group_name` (made if missing) the permissions {app_label: [codename, ...]}."""
    # Permissions of new models are normally made after the whole migrate run; make them now.
    # (Historical app configs have no models_module, which create_permissions requires.)
    for app_config in apps.get_app_configs():
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for app_label, codenames in permissions.items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
