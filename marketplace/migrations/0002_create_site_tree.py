"""Replaces Wagtail's welcome page with the platform's home page and the institution directory."""

from django.db import migrations


def create_tree(apps, schema_editor):

    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("marketplace", "HomePage")
    InstitutionIndexPage = apps.get_model("marketplace", "InstitutionIndexPage")

    if HomePage.objects.exists():
        return
    locale = Locale.objects.first() or Locale.objects.create(language_code="zh-hans")
    # Wagtail's initial migration creates a welcome page at depth 2; it is replaced by ours.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    root = Page.objects.get(depth=1)

    home_ct, _ = ContentType.objects.get_or_create(app_label="marketplace", model="homepage")
    home = HomePage.objects.create(
        title="科技成果转化平台",
        draft_title="科技成果转化平台",
        slug="home",
        content_type=home_ct,
        path=f"{root.path}0001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        live=True,
        intro="汇聚中国科学院院所、石墨烯研究院、高校与科研院所的科技成果,对接本市企业技术需求。",
    )
    index_ct, _ = ContentType.objects.get_or_create(app_label="marketplace", model="institutionindexpage")
    InstitutionIndexPage.objects.create(
        title="机构",
        draft_title="机构",
        slug="institutions",
        content_type=index_ct,
        path=f"{home.path}0001",
        depth=3,
        numchild=0,
        url_path="/home/institutions/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page_id=home.id, is_default_site=True, site_name="科技成果转化平台")


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_tree, migrations.RunPython.noop)]
