"""`Photo.rendition_sizes`, and the displayed size for photos turned by their EXIF
orientation: they were listed as their pixels are stored (4000 × 3000 for a portrait).
The renditions were always made upright, so a photo whose largest rendition lies the other
way round than its listed size has its width and height swapped; no original is read."""

from django.db import migrations, models

BATCH = 1000


def oriented_sizes(apps, schema_editor):
    Photo = apps.get_model("photos", "Photo")
    Rendition = apps.get_model("photos", "Rendition")
    last = 0
    while True:
        rows = list(
            Rendition.objects.filter(size="large", photo_id__gt=last)
            .order_by("photo_id")
            .values_list("photo_id", "width", "height", "photo__width", "photo__height")[:BATCH]
        )
        if not rows:
            return
        for photo_id, width, height, listed_width, listed_height in rows:
            if width != height and (width > height) != (listed_width > listed_height):
                Photo.objects.filter(pk=photo_id).update(width=listed_height, height=listed_width)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0008_favourite_tally"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="rendition_sizes",
            field=models.CharField(
                default="large,medium,small",
                help_text="The rendition sizes made for this photo, comma-separated: a size "
                "added later (the 500 px tile) is offered in srcset only once the worker has "
                "made it",
                max_length=64,
            ),
        ),
        migrations.RunPython(oriented_sizes, migrations.RunPython.noop),
    ]
