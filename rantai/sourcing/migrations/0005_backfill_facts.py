"""Existing rows get the facts the new columns hold: quotes were stated without PPN (base =
total), awards carry their line's value and the supplier's scale, a BAST its line and
value."""
from django.db import migrations


def backfill(apps, schema_editor):
    Quote = apps.get_model("sourcing", "Quote")
    QuoteLine = apps.get_model("sourcing", "QuoteLine")
    Award = apps.get_model("sourcing", "Award")
    Delivery = apps.get_model("sourcing", "Delivery")
    for quote in Quote.objects.filter(base_amount=0).iterator():
        Quote.objects.filter(pk=quote.pk).update(base_amount=quote.total_amount, ppn_amount=0)
    for award in Award.objects.select_related("quote__supplier").iterator():
        line = QuoteLine.objects.filter(quote_id=award.quote_id,
                                        need_line_id=award.need_line_id).first()
        Award.objects.filter(pk=award.pk).update(
            value=line.amount if line else 0, supplier_scale=award.quote.supplier.scale)
    for delivery in Delivery.objects.filter(need_line=None).select_related("order").iterator():
        award = Award.objects.filter(order_id=delivery.order_id).order_by("id").first()
        value = delivery.order.payable_amount or 0
        Delivery.objects.filter(pk=delivery.pk).update(
            need_line_id=award.need_line_id if award else None, value=value)


class Migration(migrations.Migration):
    dependencies = [("sourcing", "0004_lines_eligibility_invoices")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
