"""changes REGION YEAR on a year submitted again after a return: compared with the version that was returned."""

from __future__ import annotations

from desktop import workflow
from desktop.domain import ValueChange
from desktop.services import Services

COUNTY = "331081"


def test_changes_of_a_resubmission_compare_with_the_returned_version(db_path, cli):
    with Services.open(db_path) as s:
        s.apply_changes([ValueChange(COUNTY, 2021, i.code, 4839.0 if i.code == "HOSPITAL_BEDS" else None,
                                     None if i.code == "HOSPITAL_BEDS" else "本县当年未开展该项统计调查")
                         for i in s.indicators()], "cli")
        workflow.submit(s, COUNTY, 2021)
        workflow.return_dataset(s, COUNTY, 2021, "床位数请核对")
        s.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4893.0, "新院区投入使用，床位增加54张")], "cli")
        workflow.submit(s, COUNTY, 2021)
    out = cli(db_path, "changes", COUNTY, 2021, "--json").json()
    assert out["compared_with"] == "returned" and out["return_reason"] == "床位数请核对"
    assert [(v["indicator"], v["submitted"], v["current"]) for v in out["values"]] == [("HOSPITAL_BEDS", 4839.0, 4893.0)]
    text = cli(db_path, "changes", COUNTY, 2021).out
    assert "重新提交" in text and "床位数请核对" in text and "变化 1 项" in text
