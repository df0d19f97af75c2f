"""The public event list (/events/) under the home page, so staff can add events from the first deploy."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's materialised-path alphabet, 4 characters per level


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(4, "0")


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("marketplace", "HomePage")
    EventIndexPage = apps.get_model("matchmaking", "EventIndexPage")
    home = HomePage.objects.first()
    if home is None or EventIndexPage.objects.exists():
        return
    last = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
    position = int(last.path[-4:], 36) + 1 if last else 1
    content_type, _ = ContentType.objects.get_or_create(app_label="matchmaking", model="eventindexpage")
    EventIndexPage.objects.create(
        title="对接活动",
        draft_title="对接活动",
        slug="events",
        content_type=content_type,
        path=home.path + _encode(position),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}events/",
        locale_id=home.locale_id,
        live=True,
        intro="中科院成果对接会、石墨烯创新创业大赛、科技招商专场对接会等活动的报名、一对一洽谈与成果跟踪。",
    )
    Page.objects.filter(pk=home.pk).update(numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count())


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0001_events_signups_meetings_outcomes"),
        ("marketplace", "0002_create_site_tree"),
    ]
    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
