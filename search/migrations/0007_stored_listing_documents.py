"""Keep each listing's finished index document (search.docstore), so a rebuild streams stored bytes.

On PostgreSQL the documents are stored uncompressed (STORAGE EXTERNAL): a rebuild reads every one of them on the
cores the engine indexes on, and pglz would spend CPU decompressing what is sent on as it is."""

from django.db import migrations, models


def uncompressed(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_listingdocument ALTER COLUMN source SET STORAGE EXTERNAL")


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_listing_terms_fulltext_per_kind'),
    ]

    operations = [
        migrations.CreateModel(
            name='ListingDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=16, verbose_name='类型')),
                ('object_id', models.BigIntegerField(verbose_name='对象编号')),
                ('stamp', models.CharField(max_length=40, verbose_name='来源摘要')),
                ('source', models.BinaryField(verbose_name='文档')),
            ],
            options={
                'verbose_name': '索引文档',
                'verbose_name_plural': '索引文档',
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='search_document_one_per_object')],
            },
        ),
        migrations.RunPython(uncompressed, migrations.RunPython.noop),
    ]
