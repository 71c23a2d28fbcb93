"""Fill SupplierProfile.search_text for profiles saved before the column existed.

Written against the historical models (no app code imported), in batches."""
from django.db import migrations


def fill(apps, schema_editor):
    Profile = apps.get_model("suppliers", "SupplierProfile")
    Product = apps.get_model("suppliers", "Product")
    ids = list(Profile.objects.filter(search_text="").values_list("id", flat=True))
    for start in range(0, len(ids), 1000):
        batch = ids[start:start + 1000]
        products: dict[int, list[str]] = {}
        for supplier_id, name in Product.objects.filter(supplier_id__in=batch).values_list(
                "supplier_id", "name"):
            products.setdefault(supplier_id, []).append(name)
        for profile in Profile.objects.filter(id__in=batch).only("id", "name", "description"):
            parts = [profile.name, *products.get(profile.id, []), profile.description]
            text = " ".join(" ".join(p.split()) for p in parts if p).lower()
            Profile.objects.filter(id=profile.id).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("suppliers", "0003_registry_profiles")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
