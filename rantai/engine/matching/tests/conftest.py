"""Small profiles shared by the engine's tests."""
import pytest

from rantai.engine.matching import MatchingIndex, SupplierDoc

FOUNDRY = SupplierDoc(
    id="baja-kurnia", name="CV Baja Kurnia", products=("blok rem besi cor", "pengecoran besi cor kelabu"),
    description="pengecoran logam untuk kereta", kbli=("24310",), regency_code="35.19",
    certifications=frozenset({"SNI"}), scale="small", capabilities=frozenset({"pengecoran"}),
    monthly_capacity=800, rating=4.6, on_time_rate=0.95, orders_completed=12,
)
PROFILES = (
    FOUNDRY,
    SupplierDoc(id="batik-sari", name="UD Batik Sari", products=("batik tulis", "kemeja batik"),
                kbli=("13134",), regency_code="33.72", scale="micro",
                capabilities=frozenset({"batik tulis"})),
    SupplierDoc(id="bekasi-jaya", name="PT Bekasi Jaya", products=("barang bekas", "besi tua"),
                kbli=("46691",), regency_code="32.75", scale="medium"),
    SupplierDoc(id="logam-madiun", name="CV Logam Madiun", products=("brake block casting", "bogie parts"),
                kbli=("24310",), regency_code="35.77", scale="medium", monthly_capacity=300),
    SupplierDoc(id="mebel-jepara", name="UD Mebel Jepara", products=("kursi kayu jati", "lemari ukir"),
                kbli=("31001",), regency_code="33.20", scale="micro", certifications=frozenset({"SVLK"})),
)


@pytest.fixture(scope="module")
def index() -> MatchingIndex:
    return MatchingIndex.build(PROFILES)
