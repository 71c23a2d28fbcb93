"""Pre-aggregated figures for the monitoring dashboards.

``OrderFigure`` holds the order ledger summed by month × SME province × KBLI section ×
SME scale × BUMN cluster; dashboards read it instead of scanning every order. It is
rebuilt from the orders (``figures.refresh_order_figures``) when older than
``INSIGHTS_MAX_STALE_SECONDS`` (60 by default), by the page or by
``manage.py refresh_dashboards --every N``. Drill-down lists always read the live tables.
"""
from django.db import models


class OrderFigure(models.Model):
    """Orders (not cancelled) of one month and one combination of dimensions.

    ``grain`` "full" rows carry every dimension; a marginal grain ("province", "section",
    "scale", "cluster") carries only that one (the others hold ``ALL``), so national
    figures by one dimension sum hundreds of rows instead of the whole cube."""

    ALL = "*"
    grain = models.CharField(max_length=10, default="full")
    month = models.DateField()
    province = models.CharField(max_length=2, blank=True)  # the SME's province code
    section = models.CharField(max_length=1, blank=True)  # the need's KBLI section (lowest code)
    scale = models.CharField(max_length=10, blank=True)  # the SME's scale
    cluster = models.CharField(max_length=20, blank=True)  # the buyer's (or its holding's) cluster
    orders = models.PositiveIntegerField(default=0)
    value = models.BigIntegerField(default=0)
    paid_orders = models.PositiveIntegerField(default=0)
    paid_value = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["grain", "province", "month"]),
                   models.Index(fields=["grain", "section"]), models.Index(fields=["grain", "scale"]),
                   models.Index(fields=["grain", "cluster"])]

    def __str__(self) -> str:
        return f"{self.grain} {self.month:%Y-%m} {self.province}{self.section}{self.scale}{self.cluster}"


class FigureState(models.Model):
    """When the figures were last rebuilt (one row per figure table)."""

    name = models.CharField(max_length=40, primary_key=True)
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.refreshed_at}"
