<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于 县卫生健康指标填报系统</source>
        <translation>About County Health Indicators</translation>
    </message>
    <message>
        <source>县卫生健康指标填报系统</source>
        <translation>County Health Indicators</translation>
    </message>
    <message>
        <source>（只读打开）</source>
        <translation> (opened read-only)</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>指标目录版本</source>
        <translation>Catalog version</translation>
    </message>
    <message>
        <source>数据库结构版本</source>
        <translation>Store schema version</translation>
    </message>
    <message>
        <source>本单位地区</source>
        <translation>Home region</translation>
    </message>
    <message>
        <source>（未设定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>备份位置</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>{path}（现有 {n} 份）</source>
        <translation>{path} ({n} now)</translation>
    </message>
    <message>
        <source>日志文件</source>
        <translation>Log file</translation>
    </message>
    <message>
        <source>运行环境</source>
        <translation>Runtime</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打开备份文件夹</source>
        <translation>Open backup folder</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于…</source>
        <translation>About…</translation>
    </message>
</context>
<context>
    <name>AbsenceDialog</name>
    <message>
        <source>标为不适用或本年未统计</source>
        <translation>Mark as not applicable or not collected</translation>
    </message>
    <message>
        <source> 等 {n} 个</source>
        <translation> and others ({n} in all)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>所选 {n} 个指标：{names}</source>
        <translation>{n} selected indicators: {names}</translation>
    </message>
    <message>
        <source>不适用（本地区没有这项工作或机构）</source>
        <translation>Not applicable (the region has no such service or institution)</translation>
    </message>
    <message>
        <source>本年未统计（本年没有采集这项数据）</source>
        <translation>Not collected this year (no data were gathered this year)</translation>
    </message>
    <message>
        <source>原因，例如：本县无三级医院</source>
        <translation>Reason, e.g. the county has no tertiary hospital</translation>
    </message>
    <message>
        <source>原因（所选指标共用，填报人和审核人都会看到）：</source>
        <translation>Reason (one for all selected indicators; clerk and supervisor see it):</translation>
    </message>
    <message>
        <source>套话或过于简略，不算原因：请写明为何没有这个数值</source>
        <translation>Boilerplate or too short, not a reason: say why there is no value</translation>
    </message>
</context>
<context>
    <name>ActionsMixin</name>
    <message>
        <source>导入Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <source>导出填报模板…</source>
        <translation>Entry template…</translation>
    </message>
    <message>
        <source>导出Excel报表…</source>
        <translation>Excel report…</translation>
    </message>
    <message>
        <source>导出PDF报表…</source>
        <translation>PDF report…</translation>
    </message>
    <message>
        <source>从报告文本提取…</source>
        <translation>Extract from report text…</translation>
    </message>
    <message>
        <source>各县汇总PDF（每县一份并合并）…</source>
        <translation>County summaries as PDF (one each, and merged)…</translation>
    </message>
    <message>
        <source>各县填报进度…</source>
        <translation>Counties&apos; progress…</translation>
    </message>
    <message>
        <source>备份数据库…</source>
        <translation>Back up the store…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>本级已有数值或标为不适用的 {n} 个不改。</source>
        <translation>The {n} the office already has a figure of (or marked not applicable) stay as they are. </translation>
    </message>
    <message>
        <source>只有部分县上报的 {n} 个未采用。</source>
        <translation>The {n} reported by only some counties are left out.</translation>
    </message>
    <message>
        <source>没有可采用的汇总值。</source>
        <translation>No computed figure to adopt. </translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>……另有 {n} 项</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>从 {file} 恢复将撤销当前数据库中的以下内容：</source>
        <translation>Restoring {file} will undo the following in the current store:</translation>
    </message>
    <message>
        <source>恢复前会先自动备份当前数据库。确定恢复吗？</source>
        <translation>The current store is backed up first. Restore now?</translation>
    </message>
    <message>
        <source>恢复后的数据库中没有用户 {name}；请切换用户</source>
        <translation>The restored store has no user {name}; please switch user</translation>
    </message>
    <message>
        <source>已从 {file} 恢复；恢复前的数据库已备份到：{safety}</source>
        <translation>Restored from {file}; the store before the restore was backed up to: {safety}</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>接收（上级）</source>
        <translation>Accept (upstream)</translation>
    </message>
    <message>
        <source>数值历史与趋势…</source>
        <translation>History and trend…</translation>
    </message>
    <message>
        <source>审计记录…</source>
        <translation>Audit trail…</translation>
    </message>
    <message>
        <source>该数值的审计记录…</source>
        <translation>Audit trail of this value…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>指标目录与审核规则…</source>
        <translation>Catalog and rules…</translation>
    </message>
    <message>
        <source>粘贴复制的单元格</source>
        <translation>Paste copied cells</translation>
    </message>
    <message>
        <source>查找指标…</source>
        <translation>Find indicator…</translation>
    </message>
    <message>
        <source>跳到分区…</source>
        <translation>Go to section…</translation>
    </message>
    <message>
        <source>标为不适用或本年未统计…</source>
        <translation>Mark not applicable / not collected…</translation>
    </message>
    <message>
        <source>取消不适用标记</source>
        <translation>Remove the not-applicable mark</translation>
    </message>
    <message>
        <source>采用汇总值填入本年…</source>
        <translation>Adopt the computed figures as this year&apos;s…</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>审核(&amp;W)</source>
        <translation>&amp;Workflow</translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>请先在左侧选择一个地区和年份</source>
        <translation>Choose a region and a year on the left first</translation>
    </message>
    <message>
        <source>导入Excel工作簿</source>
        <translation>Import Excel workbooks</translation>
    </message>
    <message>
        <source>工作簿 (*.xlsx *.xls *.et *.ods *.csv);;Excel 工作簿 (*.xlsx *.xlsm *.xls);;WPS 表格 (*.et);;文本、网页或 XML 表格 (*.csv *.tsv *.txt *.html *.htm *.xml)</source>
        <translation>Workbooks (*.xlsx *.xls *.et *.ods *.csv);;Excel workbooks (*.xlsx *.xlsm *.xls);;WPS spreadsheets (*.et);;Text, web page or XML tables (*.csv *.tsv *.txt *.html *.htm *.xml)</translation>
    </message>
    <message>
        <source>错误 {e}，核实 {w}</source>
        <translation>errors {e}, warnings {w}</translation>
    </message>
    <message>
        <source>无审核问题</source>
        <translation>no findings</translation>
    </message>
    <message>
        <source>（{counts}）</source>
        <translation> ({counts})</translation>
    </message>
    <message>
        <source> 等 {n} 个地区年度</source>
        <translation> and more ({n} region-years in all)</translation>
    </message>
    <message>
        <source>已导入：</source>
        <translation>Imported: </translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>点地区年度打开它</source>
        <translation>Click a region-year to open it</translation>
    </message>
    <message>
        <source>导出填报模板</source>
        <translation>Export entry template</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出填报模板…</source>
        <translation>Writing the entry template…</translation>
    </message>
    <message>
        <source>已导出填报模板：{path}</source>
        <translation>Entry template written: {path}</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>正在生成报表…</source>
        <translation>Writing the report…</translation>
    </message>
    <message>
        <source>已生成报表：{path}</source>
        <translation>Report written: {path}</translation>
    </message>
    <message>
        <source>请先在左侧选择一个市或省</source>
        <translation>Choose a city or the province on the left first</translation>
    </message>
    <message>
        <source>选择保存各县汇总报表的文件夹</source>
        <translation>Choose the folder for the county summaries</translation>
    </message>
    <message>
        <source>正在生成各县汇总报表…</source>
        <translation>Writing the county summaries…</translation>
    </message>
    <message>
        <source>已生成 {n} 个县（市、区）的汇总报表及合并文件：{path}</source>
        <translation>Wrote {n} county summaries and the merged file: {path}</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>请写明原因（填报人会看到）：</source>
        <translation>Give the reason (the clerk will see it):</translation>
    </message>
    <message>
        <source>接收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>确认接收 {region} {year}年的数据？接收后在本单位锁定，不能修改，也不会被较旧的工作簿覆盖。</source>
        <translation>Accept the data of {region} {year}? Once accepted they are locked in this office: no edit, and no older workbook overwrites them.</translation>
    </message>
    <message>
        <source>确认审核通过 {region} {year}年的数据？通过后数据锁定，填报人不能再修改。</source>
        <translation>Approve the data of {region} {year}? Once approved they are locked and the clerk can no longer change them.</translation>
    </message>
    <message>
        <source>{region} {year}年：{status}</source>
        <translation>{region} {year}: {status}</translation>
    </message>
    <message>
        <source>查找指标</source>
        <translation>Find indicator</translation>
    </message>
    <message>
        <source>指标名称（或其中几个字）：</source>
        <translation>Indicator name (or part of it):</translation>
    </message>
    <message>
        <source>没有名称含“{text}”的指标</source>
        <translation>No indicator has “{text}” in its name</translation>
    </message>
    <message>
        <source>共 {n} 个指标含“{text}”，已选中第一个：{name}</source>
        <translation>{n} indicators contain “{text}”; the first is selected: {name}</translation>
    </message>
    <message>
        <source>请先在表中选中一个或几个指标</source>
        <translation>Select one or more indicators in the table first</translation>
    </message>
    <message>
        <source>已将 {n} 个指标标为{kind}</source>
        <translation>{n} indicators marked: {kind}</translation>
    </message>
    <message>
        <source>把 {n} 个由所辖各县汇总的数值填入{region} {year}年的本年？</source>
        <translation>Fill in {n} figures computed from the counties as {region}&apos;s own for {year}?</translation>
    </message>
    <message>
        <source>采用汇总值</source>
        <translation>Adopt computed figures</translation>
    </message>
    <message>
        <source>已采用 {n} 个汇总值为本年数值（Ctrl+Z 撤销）</source>
        <translation>Adopted {n} computed figures as this year&apos;s (Ctrl+Z undoes)</translation>
    </message>
    <message>
        <source>所选指标没有不适用或本年未统计的标记</source>
        <translation>The selected indicators carry no not-applicable or not-collected mark</translation>
    </message>
    <message>
        <source>请先在表中选中一个指标</source>
        <translation>Select an indicator in the table first</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up the store</translation>
    </message>
    <message>
        <source>数据库 (*.sqlite)</source>
        <translation>Store (*.sqlite)</translation>
    </message>
    <message>
        <source>已备份到：{path}</source>
        <translation>Backed up to: {path}</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>界面语言将在重新启动程序后切换。</source>
        <translation>The interface language changes when the program is restarted.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>审计记录</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>修改记录：{what}</source>
        <translation>Change log: {what}</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>all</translation>
    </message>
    <message>
        <source>全部项目</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>查找（原值、新值、来源、原因）</source>
        <translation>Find (old, new, source, reason)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>共 {n} 条记录</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <source>导出审计记录</source>
        <translation>Export audit trail</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Old</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>CatalogDialog</name>
    <message>
        <source>指标目录与审核规则</source>
        <translation>Catalog and validation rules</translation>
    </message>
    <message>
        <source>双击单元格修改；每次修改立即保存并记入审计。改类型、小数位数、上下限或同比阈值前，先用历年数据试算并确认。</source>
        <translation>Double-click a cell to change it; each change is saved at once and audited. A change of kind, decimals, minimum, maximum or year-on-year threshold is first tried on the stored values of past years, and saved only when you confirm.</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>Save rules</translation>
    </message>
    <message>
        <source>审核规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>正在用历年数据试算……</source>
        <translation>Trying the change on the stored values of past years…</translation>
    </message>
    <message>
        <source>{name}（{code}）的{field}改为 {value}</source>
        <translation>{field} of {name} ({code}) changed to {value}</translation>
    </message>
    <message>
        <source>规则无误。</source>
        <translation>The rules are valid.</translation>
    </message>
    <message>
        <source>修改后的审核规则</source>
        <translation>The changed validation rules</translation>
    </message>
    <message>
        <source>未保存：审核规则仍为修改前的规则。</source>
        <translation>Not saved: the rules in force are still the ones before your change.</translation>
    </message>
    <message>
        <source>规则已保存。</source>
        <translation>The rules were saved.</translation>
    </message>
    <message>
        <source>规则没有变化。</source>
        <translation>The rules are unchanged.</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>小数位数</source>
        <translation>Decimals</translation>
    </message>
    <message>
        <source>下限</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>上限</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>同比阈值</source>
        <translation>YoY threshold</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Hidden</translation>
    </message>
    <message>
        <source>定义</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>汇总方式</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <source>越高越好</source>
        <translation>higher is better</translation>
    </message>
    <message>
        <source>越低越好</source>
        <translation>lower is better</translation>
    </message>
    <message>
        <source>不定</source>
        <translation>neither</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>未保存：{name}的{field}仍为 {value}。</source>
        <translation>Not saved: {field} of {name} is still {value}.</translation>
    </message>
</context>
<context>
    <name>CountyOverview</name>
    <message>
        <source>{region} {year}年 各县（市、区）填报进度</source>
        <translation>{region} {year}: counties&apos; progress</translation>
    </message>
    <message>
        <source>已报 {reported}/{total}：{words}</source>
        <translation>Reported {reported}/{total}: {words}</translation>
    </message>
    <message>
        <source>；未报：{names}</source>
        <translation>; not reported: {names}</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>点击列标题排序；双击一行打开该县（市、区）的填报表。</source>
        <translation>Click a column heading to sort; double-click a row to open that county&apos;s form.</translation>
    </message>
    <message>
        <source>导出填报进度</source>
        <translation>Export the progress</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出填报进度…</source>
        <translation>Exporting the progress…</translation>
    </message>
</context>
<context>
    <name>ExtractDialog</name>
    <message>
        <source>请先在左侧选择一个地区，再从报告文本提取</source>
        <translation>Choose a region on the left first, then extract from the report text</translation>
    </message>
    <message>
        <source>从报告文本提取</source>
        <translation>Extract from report text</translation>
    </message>
    <message>
        <source>{region} {year}年：粘贴年度报告的文字，或打开 .txt / .docx / .doc / .wps / .rtf / .pdf / .ofd / .html / .mht 文件，再点“提取”。计划、目标、约数和其他地方的数值不会提取；“核对”一栏标出与库中不一致的数值。请逐条核对后勾选写入。</source>
        <translation>{region} {year}: paste the text of a yearly report, or open a .txt / .docx / .doc / .wps / .rtf / .pdf / .ofd / .html / .mht file, then click “Extract”. Plans, targets, approximate figures and figures of other places are not extracted; the “Check” column marks figures that disagree with the stored ones. Check each proposal before ticking it.</translation>
    </message>
    <message>
        <source>在此粘贴报告文本</source>
        <translation>Paste the report text here</translation>
    </message>
    <message>
        <source>打开文件…</source>
        <translation>Open file…</translation>
    </message>
    <message>
        <source>提取</source>
        <translation>Extract</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <source>写入所选</source>
        <translation>Write the selected</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打开报告</source>
        <translation>Open report</translation>
    </message>
    <message>
        <source>报告 (*.txt *.docx *.doc *.wps *.rtf *.pdf *.ofd *.html *.htm *.mht *.mhtml);;所有文件 (*)</source>
        <translation>Reports (*.txt *.docx *.doc *.wps *.rtf *.pdf *.ofd *.html *.htm *.mht *.mhtml);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>；{d} 条与库中数值不一致，请核对</source>
        <translation>; {d} disagree with the stored values, please check them</translation>
    </message>
    <message>
        <source>没有提取到数值：{why}</source>
        <translation>Nothing extracted: {why}</translation>
    </message>
    <message>
        <source>文本是空的</source>
        <translation>the text is empty</translation>
    </message>
    <message>
        <source>文本中几乎没有可识别的汉字（可能是乱码、扫描件或无法识别的字体编码）</source>
        <translation>the text has hardly any readable Chinese characters (garbled text, a scan, or a font encoding that cannot be read)</translation>
    </message>
    <message>
        <source>文本中的数值都是计划或目标</source>
        <translation>every figure in the text is a plan or a target</translation>
    </message>
    <message>
        <source>文本中的数值都属于其他地方（全国、全省、所在的市或其他市县），不是{region}的</source>
        <translation>every figure in the text is of another place (the nation, the province, the city it lies in or another city or county), not of {region}</translation>
    </message>
    <message>
        <source>文本中没有{year}年的数值（只有其他年份或规划时期的）</source>
        <translation>the text has no figure for {year} (only for other years or planning periods)</translation>
    </message>
    <message>
        <source>找到的数值超出了指标的合理范围</source>
        <translation>the figures found are outside the indicators&apos; plausible ranges</translation>
    </message>
    <message>
        <source>文本中没有找到指标目录中的指标及其数值</source>
        <translation>no catalog indicator with a figure was found in the text</translation>
    </message>
    <message>
        <source>请先粘贴报告文本或打开文件</source>
        <translation>Paste the report text or open a file first</translation>
    </message>
    <message>
        <source>正在提取…</source>
        <translation>Extracting…</translation>
    </message>
    <message>
        <source>找到 {n} 条建议值，已勾选库中尚无数值的 {k} 条</source>
        <translation>Found {n} proposed values; ticked the {k} that have no value in the store yet</translation>
    </message>
    <message>
        <source>没有勾选任何数值</source>
        <translation>No value is ticked</translation>
    </message>
    <message>
        <source>已写入 {n} 个数值（来源：报告文本提取）</source>
        <translation>Wrote {n} values (source: report text extraction)</translation>
    </message>
    <message>
        <source>文本已修改，请重新点“提取”</source>
        <translation>The text has changed: click “Extract” again</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>已说明</source>
        <translation>explained</translation>
    </message>
    <message>
        <source>审核模块未安装：暂不能审核</source>
        <translation>The validation module is not installed: no checks yet</translation>
    </message>
    <message>
        <source>{name}：{message}</source>
        <translation>{name}: {message}</translation>
    </message>
    <message>
        <source>{severity}（{rule}）</source>
        <translation>{severity} ({rule})</translation>
    </message>
    <message>
        <source>错误 {e} 条，核实 {w} 条，提示 {i} 条</source>
        <translation>{e} errors, {w} warnings, {i} notes</translation>
    </message>
    <message>
        <source>已填 {filled}/{total}。提交时将被拒绝：{n} 项须处理，其中缺少数值 {m} 项。</source>
        <translation>Filled {filled}/{total}. Submitting now would be refused: {n} items to deal with, {m} of them missing values.</translation>
    </message>
    <message>
        <source>已填 {filled}/{total}。没有阻止提交的问题。</source>
        <translation>Filled {filled}/{total}. Nothing stops the submission.</translation>
    </message>
    <message>
        <source>已由说明消除。</source>
        <translation>Cleared by its note.</translation>
    </message>
    <message>
        <source>在该指标的「说明」栏写明变化的具体原因（如“新建院区投入使用，床位增加”），即可消除此核实性提示；“核实无误”“无”之类的套话不能消除。</source>
        <translation>Write the actual cause of the change in this indicator&apos;s Note (e.g. “new hospital campus opened, more beds”) to clear this warning; stock phrases such as “核实无误” (checked) or “无” (none) do not clear it.</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>首次使用 — 县卫生健康指标填报系统</source>
        <translation>First start — County Health Indicators</translation>
    </message>
    <message>
        <source>欢迎使用县卫生健康指标填报系统。这台计算机上还没有数据库，请选择如何开始：</source>
        <translation>Welcome to County Health Indicators. This computer has no store yet. How would you like to start?</translation>
    </message>
    <message>
        <source>新建空数据库，用于本单位所在的地区</source>
        <translation>A new empty store for your office&apos;s region</translation>
    </message>
    <message>
        <source>请选择本单位所在的县（市、区）</source>
        <translation>Choose your office&apos;s county</translation>
    </message>
    <message>
        <source>载入演示数据（瑞安市、温州市、温岭市报告中的数字，供试用）</source>
        <translation>The demo data (figures of the Rui&apos;an, Wenzhou and Wenling reports, to try the program)</translation>
    </message>
    <message>
        <source>打开已有的数据库文件（例如从原来的计算机复制来的）</source>
        <translation>An existing store file (for example copied from the old computer)</translation>
    </message>
    <message>
        <source>数据库文件（.sqlite）</source>
        <translation>Store file (.sqlite)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>新数据库保存在：{path}</source>
        <translation>The new store is kept in: {path}</translation>
    </message>
    <message>
        <source>管理员 admin 的密码</source>
        <translation>Password of the administrator admin</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>{name}（市级）</source>
        <translation>{name} (city)</translation>
    </message>
    <message>
        <source>{name}（省级）</source>
        <translation>{name} (province)</translation>
    </message>
    <message>
        <source>该数据库的管理员 {names} 还没有密码，请现在设定（至少6个字符）。</source>
        <translation>The administrator {names} of this store has no password: set one now (at least 6 characters).</translation>
    </message>
    <message>
        <source>打开后用该数据库中的用户和密码登录。</source>
        <translation>After opening, log in with a user and password of this store.</translation>
    </message>
    <message>
        <source>新数据库的管理员是 admin。请现在设定密码（至少6个字符）并妥善保管：没有密码，任何人都能以管理员身份修改数据。</source>
        <translation>The new store&apos;s administrator is admin. Set a password now (at least 6 characters) and keep it safe: without one, anyone could change the data as administrator.</translation>
    </message>
    <message>
        <source>打开数据库文件</source>
        <translation>Open store file</translation>
    </message>
    <message>
        <source>数据库文件 (*.sqlite *.db);;所有文件 (*)</source>
        <translation>Store files (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <source>数据库：{n} 个地区，{u} 个用户。</source>
        <translation>Store: {n} regions, {u} users.</translation>
    </message>
    <message>
        <source>请选择要打开的数据库文件。</source>
        <translation>Choose the store file to open.</translation>
    </message>
</context>
<context>
    <name>FormModel</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>{name}：{old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <source>{name} 的说明：“{old}” → “{new}”</source>
        <translation>note of {name}: “{old}” → “{new}”</translation>
    </message>
    <message>
        <source>{name}：标为{kind}（{reason}）</source>
        <translation>{name}: marked {kind} ({reason})</translation>
    </message>
    <message>
        <source>{name}：取消“{kind}”标记</source>
        <translation>{name}: mark “{kind}” removed</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>上年</source>
        <translation>Prior year</translation>
    </message>
    <message>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>增减%</source>
        <translation>Change %</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>上次提交</source>
        <translation>Last submitted</translation>
    </message>
    <message>
        <source>汇总</source>
        <translation>Computed</translation>
    </message>
    <message>
        <source>{user} 于 {at} 提交、被退回的数值；重新提交后不同的以紫色标出（{n} 项）</source>
        <translation>Values {user} submitted at {at}, then returned; those that differ in the resubmission are purple ({n})</translation>
    </message>
    <message>
        <source>{user} 于 {at} 提交的数值；与现值不同的以紫色标出（{n} 项）</source>
        <translation>Values submitted by {user} at {at}; those that differ from the current ones are marked in purple ({n})</translation>
    </message>
    <message>
        <source>已提交，等待审核：数值已锁定，不能修改。如需修改，请审核人退回。</source>
        <translation>Submitted, awaiting review: the values are locked and cannot be changed. To change them, ask the supervisor to return the year.</translation>
    </message>
    <message>
        <source>已审核通过：数值已锁定，不能修改。如需修改，请审核人重新打开。</source>
        <translation>Approved: the values are locked and cannot be changed. To change them, ask the supervisor to reopen the year.</translation>
    </message>
    <message>
        <source>{section}（已填 {filled}/{total}）</source>
        <translation>{section} (filled {filled}/{total})</translation>
    </message>
    <message>
        <source>已说明</source>
        <translation>explained</translation>
    </message>
    <message>
        <source>该指标不由各县汇总，以本级填报数为准</source>
        <translation>Not computed from the counties: the office&apos;s own figure counts</translation>
    </message>
    <message>
        <source>由 {reported}/{of} 个县（市、区）汇总（{how}），计算所得，不保存</source>
        <translation>Computed from {reported}/{of} counties ({how}); not stored</translation>
    </message>
    <message>
        <source>{kind}：{reason}（{user}，{at}）。计为已填，提交时不算缺报；Delete 取消标记</source>
        <translation>{kind}: {reason} ({user}, {at}). Counts as filled, not missing at submission; Delete removes the mark</translation>
    </message>
    <message>
        <source>演示数据·模拟：此数值为模拟生成，不是真实统计数据</source>
        <translation>Demo data · simulated: this figure was generated, it is not a real statistic</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>上次提交：{old}，说明：{old_note}
现在：{new}，说明：{new_note}</source>
        <translation>Last submitted: {old}, note: {old_note}
Now: {new}, note: {new_note}</translation>
    </message>
    <message>
        <source>“{note}”是套话或过于简略，不算说明：不能消除核实提示</source>
        <translation>“{note}” is boilerplate or too short: it does not count as an explanation and clears no check</translation>
    </message>
    <message>
        <source>单位 {unit}，{decimals} 位小数，范围 {lo} – {hi}</source>
        <translation>Unit {unit}, {decimals} decimals, range {lo} – {hi}</translation>
    </message>
    <message>
        <source>{year}年的值</source>
        <translation>Value of {year}</translation>
    </message>
    <message>
        <source>{region} {year}年 {name}</source>
        <translation>{region} {year} {name}</translation>
    </message>
    <message>
        <source>修改 {name}</source>
        <translation>Edit {name}</translation>
    </message>
    <message>
        <source>标为{kind}：{n} 个指标</source>
        <translation>Mark {n} indicators: {kind}</translation>
    </message>
    <message>
        <source>取消标记：{n} 个指标</source>
        <translation>Remove the marks of {n} indicators</translation>
    </message>
    <message>
        <source>：未粘贴任何数据</source>
        <translation>: nothing was pasted</translation>
    </message>
    <message>
        <source>粘贴的第 {n} 行（{name}）</source>
        <translation>pasted row {n} ({name})</translation>
    </message>
    <message>
        <source>只能粘贴到“本年”或“说明”列</source>
        <translation>Paste only into the “This year” or “Note” column</translation>
    </message>
    <message>
        <source>复制的内容各行列数不同（第 1 行 {a} 列，第 {row} 行 {b} 列），不是一个整齐的表格块</source>
        <translation>The copied rows have different numbers of columns (row 1: {a}, row {row}: {b}); it is not a rectangular block</translation>
    </message>
    <message>
        <source>复制的内容有 {n} 列，从“{col}”列起只能粘贴 {cols} {m} 列（一个块不会被拆成一列）</source>
        <translation>The copied block has {n} columns; from the “{col}” column only {m} fit ({cols}); a block is never reshaped into one column</translation>
    </message>
    <message>
        <source>复制的内容有 {n} 行，但当前行以下只有 {m} 个指标</source>
        <translation>The copied block has {n} rows, but only {m} indicators follow from the current row</translation>
    </message>
    <message>
        <source>复制的内容第 {n} 列全是数字，却会落在“说明”列；看来多复制了一列数值</source>
        <translation>Column {n} of the copied block holds only numbers but would land in “Note”; it looks like an extra column of figures was copied</translation>
    </message>
    <message>
        <source>粘贴 {n} 条说明</source>
        <translation>Paste {n} notes</translation>
    </message>
    <message>
        <source>未粘贴任何数据：</source>
        <translation>Nothing was pasted:</translation>
    </message>
    <message>
        <source>粘贴 {n} 行 × {m} 列</source>
        <translation>Paste {n} rows × {m} columns</translation>
    </message>
    <message>
        <source>粘贴 {n} 个数值</source>
        <translation>Paste {n} values</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>{region} · {name}：历史与趋势</source>
        <translation>{region} · {name}: history and trend</translation>
    </message>
    <message>
        <source>{region} {name}（{unit}）</source>
        <translation>{region} {name} ({unit})</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{year}年该数值的修改记录：{n} 条</source>
        <translation>Changes to this value in {year}: {n}</translation>
    </message>
    <message>
        <source>由各县汇总</source>
        <translation>computed from the counties</translation>
    </message>
    <message>
        <source>本级填报</source>
        <translation>own figure</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>尚无任何年份的数值</source>
        <translation>No values in any year yet</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入Excel：检查结果</source>
        <translation>Import Excel: check results</translation>
    </message>
    <message>
        <source>文件：{names}</source>
        <translation>Files: {names}</translation>
    </message>
    <message>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>不变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>状态（文件）</source>
        <translation>Status (file)</translation>
    </message>
    <message>
        <source>审核发现</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>错误与提醒</source>
        <translation>Errors and reminders</translation>
    </message>
    <message>
        <source>正在检查导入文件…</source>
        <translation>Checking the files to import…</translation>
    </message>
    <message>
        <source>{old} → {new}（{who}）</source>
        <translation>{old} → {new} ({who})</translation>
    </message>
    <message>
        <source>错误 {e}，核实 {w}</source>
        <translation>errors {e}, warnings {w}</translation>
    </message>
    <message>
        <source>另有 {n} 处错误未列出</source>
        <translation>{n} more errors not listed</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>{name}：{note}</source>
        <translation>{name}: {note}</translation>
    </message>
    <message>
        <source>{region} {year}年被退回（{who}）：{reason}{notes}</source>
        <translation>{region} {year} returned ({who}): {reason}{notes}</translation>
    </message>
    <message>
        <source>；逐项意见：{notes}</source>
        <translation>; notes on single values: {notes}</translation>
    </message>
    <message>
        <source>导入后审核：{region} {year}年 {name}：{message}</source>
        <translation>After import: {region} {year} {name}: {message}</translation>
    </message>
    <message>
        <source>导入后将有 {e} 个审核错误（见下方），请核对后再导入。</source>
        <translation>The import would leave {e} validation errors (listed below); check them before importing. </translation>
    </message>
    <message>
        <source>可以导入：{n} 个地区年度，新增 {new} 个数值，修改 {changed} 个数值，状态 {st} 个。</source>
        <translation>Ready to import: {n} region-years, {new} new values, {changed} changed values, {st} statuses. </translation>
    </message>
    <message>
        <source>点“导入”写入，点“取消”不写入任何数据。</source>
        <translation>“Import” writes them; “Cancel” writes nothing.</translation>
    </message>
    <message>
        <source>已导入 {n} 个数值、{st} 个状态（{files}）</source>
        <translation>Imported {n} values and {st} statuses ({files})</translation>
    </message>
    <message>
        <source>文件有 {n} 处错误，不能导入；改正后重新导入。未写入任何数据。</source>
        <translation>The files have {n} errors and cannot be imported; correct them and import again. Nothing was written.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>县卫生健康指标填报系统：请选择用户</source>
        <translation>County Health Indicators: who is working?</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>请输入用户 {name} 的密码。</source>
        <translation>Please enter the password of user {name}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>县卫生健康指标填报系统</source>
        <translation>County Health Indicators</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>全部指标</source>
        <translation>All indicators</translation>
    </message>
    <message>
        <source>只看未填的</source>
        <translation>Empty values only</translation>
    </message>
    <message>
        <source>只看有审核问题的</source>
        <translation>With findings only</translation>
    </message>
    <message>
        <source>只显示本年尚未填写（也未标为不适用）的指标，或有未消除审核问题的指标</source>
        <translation>Show only the indicators without a value this year (and not marked not applicable), or those with open findings</translation>
    </message>
    <message>
        <source>跳到分区（Ctrl+G）</source>
        <translation>Go to section (Ctrl+G)</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>跳到</source>
        <translation>Go to</translation>
    </message>
    <message>
        <source>（选择分区）</source>
        <translation>(choose a section)</translation>
    </message>
    <message>
        <source>显示 {shown}/{total} 个指标</source>
        <translation>Showing {shown}/{total} indicators</translation>
    </message>
    <message>
        <source>{region} {year}年 · {status}</source>
        <translation>{region} {year} · {status}</translation>
    </message>
    <message>
        <source>&#x3000;【演示数据·模拟】</source>
        <translation>  [Demo data · simulated]</translation>
    </message>
    <message>
        <source>{region} {year}年 — 县卫生健康指标填报系统</source>
        <translation>{region} {year} — County Health Indicators</translation>
    </message>
    <message>
        <source>审核人退回的原因：{reason}（{user}，{at}）</source>
        <translation>Returned by the supervisor: {reason} ({user}, {at})</translation>
    </message>
    <message>
        <source>审核人退回的原因：{reason}</source>
        <translation>Returned by the supervisor: {reason}</translation>
    </message>
    <message>
        <source>&#x3000;对“{name}”的意见：{note}</source>
        <translation>  On “{name}”: {note}</translation>
    </message>
    <message>
        <source>重新提交：与退回的版本相比修改了 {n} 项（“上次提交”列为退回的版本，不同处紫色标出）。</source>
        <translation>Resubmitted: {n} changed since the returned version (the “Last submitted” column shows the returned version; differences in purple).</translation>
    </message>
    <message>
        <source>重新提交：与退回的版本相比没有任何修改。</source>
        <translation>Resubmitted: nothing changed since the returned version.</translation>
    </message>
    <message>
        <source>与上次提交相比已修改 {n} 项（“上次提交”列中紫色标出）。</source>
        <translation>{n} value(s) changed since the last submission (marked in purple in the “Last submitted” column).</translation>
    </message>
    <message>
        <source>与上次提交相比尚未修改（“上次提交”列为提交时的数值）。</source>
        <translation>Nothing changed since the last submission (the “Last submitted” column shows the values as submitted).</translation>
    </message>
    <message>
        <source>；另有 {n} 处</source>
        <translation>; {n} more</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>用户：{name}（{role}）</source>
        <translation>User: {name} ({role})</translation>
    </message>
    <message>
        <source>状态：{status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>错误 {e} · 核实 {w} · 已填 {filled}/{total}</source>
        <translation>Errors {e} · warnings {w} · filled {filled}/{total}</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>说明过长：{n} 个字，最多 {m} 个字</source>
        <translation>Note too long: {n} characters, at most {m}</translation>
    </message>
    <message>
        <source>不算说明：“无”“正常”“同上”“已核实”之类的套话或过于简略的话不能消除核实提示，请写明具体原因。</source>
        <translation>Not an explanation: boilerplate such as “none”, “normal”, “as above”, “checked”, or too few words, clears no check. Write the actual cause.</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <source>县（市、区）</source>
        <translation>County</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已填</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>未说明警告</source>
        <translation>Unexplained warnings</translation>
    </message>
    <message>
        <source>提交人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted at</translation>
    </message>
    <message>
        <source>审核人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>审核时间</source>
        <translation>Approved at</translation>
    </message>
</context>
<context>
    <name>ProposalModel</name>
    <message>
        <source>采用</source>
        <translation>Take</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>库中现值</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>原文</source>
        <translation>Source text</translation>
    </message>
    <message>
        <source>核对</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>{value}（相同）</source>
        <translation>{value} (same)</translation>
    </message>
    <message>
        <source>只是一年中的一部分：写入时附说明“{note}”</source>
        <translation>Only part of a year: written with the note “{note}”</translation>
    </message>
    <message>
        <source>库中已有不同的数值；勾选后将被替换</source>
        <translation>The store holds a different value; ticking this replaces it</translation>
    </message>
    <message>
        <source>报告中为 {report}，库中为 {stored}：报告与库中数据不一致，请核实哪一个正确</source>
        <translation>The report says {report}, the store holds {stored}: the report disagrees with the data, check which one is right</translation>
    </message>
    <message>
        <source>一致</source>
        <translation>agrees</translation>
    </message>
    <message>
        <source>不一致</source>
        <translation>disagrees</translation>
    </message>
    <message>
        <source>不一致（{diff}）</source>
        <translation>disagrees ({diff})</translation>
    </message>
</context>
<context>
    <name>RegionTree</name>
    <message>
        <source>{code} · {year}年：{status}</source>
        <translation>{code} · {year}: {status}</translation>
    </message>
    <message>
        <source>所辖 {n} 个县（市、区）中 {done} 个已审核；双击查看各县填报进度</source>
        <translation>{done} of its {n} counties approved; double-click for the counties&apos; progress</translation>
    </message>
    <message>
        <source>{name}  {done}/{n} 已审核</source>
        <translation>{name}  {done}/{n} approved</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>退回 {region} {year}年数据</source>
        <translation>Return the data of {region} {year}</translation>
    </message>
    <message>
        <source>退回原因（必填，填报人会看到）</source>
        <translation>Reason for the return (required; the clerk will see it)</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>对该数值的意见（可选）</source>
        <translation>Note on this value (optional)</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>退回原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>逐项意见：在需要核实的数值后写明意见（随退回一并发给填报单位）</source>
        <translation>Notes on single values: write a note beside any value to be checked (sent with the return)</translation>
    </message>
    <message>
        <source>请写明退回原因</source>
        <translation>Give the reason for the return</translation>
    </message>
</context>
<context>
    <name>TrialDialog</name>
    <message>
        <source>保存前试算</source>
        <translation>Trial before saving</translation>
    </message>
    <message>
        <source>个地区年度</source>
        <translation>region-years</translation>
    </message>
    <message>
        <source>个数值</source>
        <translation>values</translation>
    </message>
    <message>
        <source>{what}：用历年已存数据试算</source>
        <translation>{what}: tried on the stored values of past years</translation>
    </message>
    <message>
        <source>历史数据 {n} {unit}中，现行设置标记 {cur} 处，新设置将标记 {prop} 处：新增 {new} 处，不再标记 {gone} 处。</source>
        <translation>Of {n} stored {unit}, the settings in force flag {cur}, the new settings would flag {prop}: {new} newly flagged, {gone} no longer flagged.</translation>
    </message>
    <message>
        <source>新增标记（前 {k} 处，共 {n} 处）：</source>
        <translation>Newly flagged (first {k} of {n}):</translation>
    </message>
    <message>
        <source>不再标记（前 {k} 处，共 {n} 处）：</source>
        <translation>No longer flagged (first {k} of {n}):</translation>
    </message>
    <message>
        <source>这项修改不改变历年数据的审核结果。</source>
        <translation>This change does not change the findings on the values of past years.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{region} {year}年：{message}</source>
        <translation>{region} {year}: {message}</translation>
    </message>
</context>
<context>
    <name>ValueDelegate</name>
    <message>
        <source>超出范围 {lo} – {hi}</source>
        <translation>Outside the range {lo} – {hi}</translation>
    </message>
    <message>
        <source>该指标应为整数</source>
        <translation>This indicator takes whole numbers</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>数据库正被占用</source>
        <translation>The store is in use</translation>
    </message>
    <message>
        <source>数据库只读</source>
        <translation>The store is read-only</translation>
    </message>
    <message>
        <source>磁盘已满</source>
        <translation>The disk is full</translation>
    </message>
    <message>
        <source>程序版本过旧</source>
        <translation>This program is too old for the store</translation>
    </message>
    <message>
        <source>数据库已损坏</source>
        <translation>The store is damaged</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the store</translation>
    </message>
    <message>
        <source>（进程 {pid}，计算机 {host}）</source>
        <translation> (process {pid} on {host})</translation>
    </message>
    <message>
        <source>本程序已经打开了这个数据库{who}：{path}。请切换到已打开的窗口；同一数据库只能由一个窗口使用。</source>
        <translation>This program already has this store open{who}: {path}. Switch to the open window; one store can be used by one window only.</translation>
    </message>
    <message>
        <source>启动时未能备份数据库：{e}</source>
        <translation>The store could not be backed up at start: {e}</translation>
    </message>
    <message>
        <source>未能记下所选数据库的位置，下次启动需重新选择：{e}</source>
        <translation>Could not record where the chosen store is; it will be asked for again at the next start: {e}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{detail}{tail}</source>
        <translation>{detail}{tail}</translation>
    </message>
    <message>
        <source>{first}—{last}年</source>
        <translation>{first}–{last}</translation>
    </message>
    <message>
        <source>{lead}：{detail}{tail}</source>
        <translation>{lead}: {detail}{tail}</translation>
    </message>
    <message>
        <source>{left}，按{expression}计算为{b}，相差{off}%，超过允许的{tolerance}%</source>
        <translation>{left}, but {expression} gives {b}: {off}% apart, more than the {tolerance}% allowed</translation>
    </message>
    <message>
        <source>{name}为{value}</source>
        <translation>{name} is {value}</translation>
    </message>
    <message>
        <source>{region}本级填报{own}{unit}，各县（市、区）汇总（{method}）为{value}{unit}（{reported}/{of}），相差{share}%，超过允许的{tolerance}%</source>
        <translation>{region}&apos;s own figure is {own} {unit}; its counties give {value} {unit} ({method}, {reported}/{of} reported): {share}% apart, more than the {tolerance}% allowed</translation>
    </message>
    <message>
        <source>{since}上升{diff}个百分点{pair}，{over}</source>
        <translation>up {diff} percentage points {since} {pair}, {over}</translation>
    </message>
    <message>
        <source>{since}下降{change}%{pair}，{over}</source>
        <translation>down {change}% {since} {pair}, {over}</translation>
    </message>
    <message>
        <source>{since}下降{diff}个百分点{pair}，{over}</source>
        <translation>down {diff} percentage points {since} {pair}, {over}</translation>
    </message>
    <message>
        <source>{since}变为原来的{times}{pair}，疑似小数点错位或单位错误{hint}</source>
        <translation>{times} the figure {since} {pair}: a misplaced decimal point or a wrong unit?{hint}</translation>
    </message>
    <message>
        <source>{since}增长{change}%{pair}，{over}</source>
        <translation>up {change}% {since} {pair}, {over}</translation>
    </message>
    <message>
        <source>{value}{unit}像是把百分数写成了小数（{fraction} 即 {percent}%）；百分比请填 {percent}。如确为 {value}%，请在说明中写明</source>
        <translation>{value} {unit} looks like a percentage written as a fraction ({fraction} is {percent}%); enter {percent} for a percentage. If it really is {value}%, say so in the note</translation>
    </message>
    <message>
        <source>{value}{unit}超出取值范围[{lo}, {hi}]（低于下限）</source>
        <translation>{value} {unit} is outside the range [{lo}, {hi}] (below the lower bound)</translation>
    </message>
    <message>
        <source>{value}{unit}超出取值范围[{lo}, {hi}]（高于上限）</source>
        <translation>{value} {unit} is outside the range [{lo}, {hi}] (above the upper bound)</translation>
    </message>
    <message>
        <source>{a}、{b}、{c}年</source>
        <translation>{a}, {b} and {c}</translation>
    </message>
    <message>
        <source>  [未说明的警告] {message}</source>
        <translation>  [unexplained warning] {message}</translation>
    </message>
    <message>
        <source>  [未说明的警告] {name}：{message}</source>
        <translation>  [unexplained warning] {name}: {message}</translation>
    </message>
    <message>
        <source>  [错误] {message}</source>
        <translation>  [error] {message}</translation>
    </message>
    <message>
        <source>  [错误] {name}：{message}</source>
        <translation>  [error] {name}: {message}</translation>
    </message>
    <message>
        <source> 等 {n} 个</source>
        <translation> and others ({n} in all)</translation>
    </message>
    <message>
        <source>.docx 内容无法解析（{detail}）</source>
        <translation>the .docx content cannot be parsed ({detail})</translation>
    </message>
    <message>
        <source>FIB 过短</source>
        <translation>the FIB is too short</translation>
    </message>
    <message>
        <source>OFD 中没有文字（可能是扫描件），请先做文字识别或另存为文本</source>
        <translation>the OFD holds no text (a scan?): run text recognition first, or save it as text</translation>
    </message>
    <message>
        <source>PDF 已加密，无法读取文字</source>
        <translation>the PDF is encrypted and its text cannot be read</translation>
    </message>
    <message>
        <source>PDF 文件损坏或格式不支持（{detail}）</source>
        <translation>the PDF is damaged or in a form not supported ({detail})</translation>
    </message>
    <message>
        <source>PDF 没有文字层（可能是扫描件），请先做文字识别或另存为文本</source>
        <translation>the PDF has no text layer (a scan?): run text recognition first, or save it as text</translation>
    </message>
    <message>
        <source>content.xml 解压后过大或压缩比过高（{mb} MB），疑似压缩炸弹，拒绝读取</source>
        <translation>content.xml is too large unpacked or too highly compressed ({mb} MB), like a zip bomb: not read</translation>
    </message>
    <message>
        <source>{a}、{b}年</source>
        <translation>{a} and {b}</translation>
    </message>
    <message>
        <source>{damaged}（文件已损坏：{kind}）</source>
        <translation>{damaged} (the file is damaged: {kind})</translation>
    </message>
    <message>
        <source>{first}、{rest}</source>
        <translation>{first}, {rest}</translation>
    </message>
    <message>
        <source>{indicator}：标为{mark}须写明原因</source>
        <translation>{indicator}: marking it “{mark}” needs a reason</translation>
    </message>
    <message>
        <source>{label} {code} 在本库有数值 {value}，不能按文件标为{kind}（请先删除该数值）</source>
        <translation>{label} {code} has the value {value} in this store and cannot be marked {kind} as the file says (delete the value first)</translation>
    </message>
    <message>
        <source>{label} {raw} 无效：{reason}</source>
        <translation>{label} {raw} is invalid: {reason}</translation>
    </message>
    <message>
        <source>{label}“{written}”读作 {value}，括号中的“{remark}”记入说明</source>
        <translation>{label} “{written}” read as {value}; the remark in brackets, “{remark}”, goes into the note</translation>
    </message>
    <message>
        <source>{label}不能提交：{errors} 个错误、{warnings} 个未说明的警告（警告须在说明中写明原因）：
{lines}</source>
        <translation>{label} cannot be submitted: {errors} errors and {warnings} unexplained warnings (a warning is explained in the note):
{lines}</translation>
    </message>
    <message>
        <source>{label}在审核期间被修改，请重新提交</source>
        <translation>{label} was changed while it was being checked: submit it again</translation>
    </message>
    <message>
        <source>{label}已由本单位接收{ours}，文件中的{theirs}不能覆盖；如需采用，请先退回</source>
        <translation>{label} was accepted by this office {ours}; the file&apos;s {theirs} cannot overwrite it (to take it, return the year first)</translation>
    </message>
    <message>
        <source>{label}已由本单位接收{ours}，文件中的{theirs}未采用（数据相同，未改动）</source>
        <translation>{label} was accepted by this office {ours}; the file&apos;s {theirs} is not taken (the same data, nothing changed)</translation>
    </message>
    <message>
        <source>{label}当前为“{status}”，不能{what}（只有“{allowed}”的数据可以{what}）</source>
        <translation>Cannot {what} {label}: it is “{status}”, and only “{allowed}” data can take this step</translation>
    </message>
    <message>
        <source>{label}当前为“{status}”，不能{what}（只有“{a}”“{b}”的数据可以{what}）</source>
        <translation>Cannot {what} {label}: it is “{status}”, and only “{a}” or “{b}” data can take this step</translation>
    </message>
    <message>
        <source>{label}数据已审核通过，只读；如需修改请先由审核人重新打开</source>
        <translation>{label} is approved and read-only; to change it, ask the supervisor to reopen it</translation>
    </message>
    <message>
        <source>{label}数据已审核通过，目标值只读{what}；如需修改请先由审核人重新打开</source>
        <translation>{label} is approved: its targets are read-only{what}; to change them, ask the supervisor to reopen it</translation>
    </message>
    <message>
        <source>{label}数据已提交，待审核期间不能修改；如需修改请先由审核人退回</source>
        <translation>{label} is submitted and cannot change while it awaits review; to change it, ask the supervisor to return it</translation>
    </message>
    <message>
        <source>{label}数据已被上级接收，只读；如需修改请先由上级退回</source>
        <translation>{label} has been accepted by the office above and is read-only; to change it, ask that office to return it</translation>
    </message>
    <message>
        <source>{label}数据已被上级接收，目标值只读{what}；如需修改请先由上级退回</source>
        <translation>{label} has been accepted by the office above: its targets are read-only{what}; to change them, ask that office to return it</translation>
    </message>
    <message>
        <source>{label}数据当前状态下只读</source>
        <translation>{label} is read-only in its present status</translation>
    </message>
    <message>
        <source>{label}数据当前状态下目标值只读{what}</source>
        <translation>the targets of {label} are read-only in its present status{what}</translation>
    </message>
    <message>
        <source>{label}数据的状态刚被改为“{status}”，请刷新后再试</source>
        <translation>the status of {label} has just been changed to “{status}”: refresh and try again</translation>
    </message>
    <message>
        <source>{label}的数据行与文件记录的摘要不符（导出后被改动过）：按数据导入，未采用文件中的状态{theirs}</source>
        <translation>the rows of {label} do not match the digest the file records (changed after the export): imported as data, the file&apos;s status {theirs} not taken</translation>
    </message>
    <message>
        <source>{label}：接收由上级单位（市、省）办理，本县用“审核通过”</source>
        <translation>{label}: accepting is done by the office above (the city or the province); the county itself uses “Approve”</translation>
    </message>
    <message>
        <source>{label}：文件中的决定{theirs}不晚于本库的{ours}，较旧的工作簿不能覆盖（本库未改动）</source>
        <translation>{label}: the file&apos;s decision {theirs} is not later than this store&apos;s {ours}; an older workbook cannot overwrite it (nothing changed)</translation>
    </message>
    <message>
        <source>{label}：本库已有更新的决定{ours}，文件中较早的{theirs}未采用（数据相同，未改动）</source>
        <translation>{label}: this store has a later decision {ours}; the file&apos;s earlier {theirs} is not taken (the same data, nothing changed)</translation>
    </message>
    <message>
        <source>{message}；其中 {n} 个数值不同，如 {region_year} {what}：{first_file}，{first_sheet}!{first_cell} 为 {first}，这里 {sheet}!{cell} 为 {this}</source>
        <translation>{message}; {n} of them differ, e.g. {region_year} {what}: {first} in {first_file}, {first_sheet}!{first_cell}, {this} here in {sheet}!{cell}</translation>
    </message>
    <message>
        <source>{names} 等 {n} 个地区年度</source>
        <translation>{names} and more ({n} region-years)</translation>
    </message>
    <message>
        <source>{names}与 {other} 重复（同一地区年度只能由一个文件导入）</source>
        <translation>{names} also in {other} (one region-year can come from one file only)</translation>
    </message>
    <message>
        <source>{name} 已加密，无法读取（{detail}）</source>
        <translation>{name} is encrypted and cannot be read ({detail})</translation>
    </message>
    <message>
        <source>{name} 无法解析（{detail}）</source>
        <translation>{name} cannot be parsed ({detail})</translation>
    </message>
    <message>
        <source>{name} 是唯一的管理员，不能改为其他角色（先注册另一位管理员）</source>
        <translation>{name} is the only administrator and cannot take another role (register another administrator first)</translation>
    </message>
    <message>
        <source>{name} 标为{kind}，但没有写明原因</source>
        <translation>{name} is marked {kind}, but no reason is given</translation>
    </message>
    <message>
        <source>{name} 解压后超过 {mb} MB，拒绝读取</source>
        <translation>{name} is over {mb} MB unpacked: not read</translation>
    </message>
    <message>
        <source>{n}个</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>{part}：{reason}</source>
        <translation>{part}: {reason}</translation>
    </message>
    <message>
        <source>{path} 在数据库的备份文件夹中，不能{action}（会覆盖或混入备份）；请另选一个位置</source>
        <translation>{path} is in the store&apos;s backups folder and cannot be {action} (it would overwrite or mix with the backups); choose another place</translation>
    </message>
    <message>
        <source>{path} 是正在使用的数据库文件（或它的日志、锁文件），不能{action}；请另选一个文件</source>
        <translation>{path} is the store in use (or its journal or lock file) and cannot be {action}; choose another file</translation>
    </message>
    <message>
        <source>{region_year} {what} 与 {other} 重复（已在 文件 {first_file}，{first_sheet}!{first_cell} 出现）</source>
        <translation>{region_year} {what} repeats {other} (already in file {first_file}, {first_sheet}!{first_cell})</translation>
    </message>
    <message>
        <source>{region} {year}年</source>
        <translation>{region} {year}</translation>
    </message>
    <message>
        <source>{region} {year}年 {indicator}：选了两个不同的数值（{first} 和 {second}），请只选一个</source>
        <translation>{region} {year} {indicator}: two different figures are selected ({first} and {second}); select one</translation>
    </message>
    <message>
        <source>{region} {year}年 {names} 已有数值，不能标为{mark}（先删除数值）；未做任何标记</source>
        <translation>{region} {year}: {names} already have values and cannot be marked “{mark}” (delete the values first); nothing was marked</translation>
    </message>
    <message>
        <source>{region} {year}年 {name}</source>
        <translation>{region} {year} {name}</translation>
    </message>
    <message>
        <source>{region} {year}年 {name} 的目标值：用户 {user}（{role}）无权设定目标值（需审核人或管理员）</source>
        <translation>the target of {name} for {region} {year}: user {user} ({role}) may not set targets (a supervisor or an administrator may)</translation>
    </message>
    <message>
        <source>{region} {year}年数据</source>
        <translation>{region} {year}</translation>
    </message>
    <message>
        <source>{region} {year}年的状态刚被改为“{status}”，请重新导入</source>
        <translation>the status of {region} {year} has just been changed to “{status}”: import again</translation>
    </message>
    <message>
        <source>{region} {year}年的状态重复：已在 文件 {first_file}，{first_sheet}!{first_cell} 出现</source>
        <translation>the status of {region} {year} is given twice: already in file {first_file}, {first_sheet}!{first_cell}</translation>
    </message>
    <message>
        <source>{shown}的 {n} 个数值与 {other} 重复（第一个已在 文件 {first_file}，{first_sheet}!{first_cell} 出现）</source>
        <translation>{n} values of {shown} repeat {other} (the first already in file {first_file}, {first_sheet}!{first_cell})</translation>
    </message>
    <message>
        <source>{suffix} 是电子表格，不是报告：请用“导入”读取，或把报告另存为 .txt、.docx 或 .pdf</source>
        <translation>{suffix} is a spreadsheet, not a report: read it with Import, or save the report as .txt, .docx or .pdf</translation>
    </message>
    <message>
        <source>{value}（说明“{note}”）</source>
        <translation>{value} (note “{note}”)</translation>
    </message>
    <message>
        <source>{what}{label}须注明原因</source>
        <translation>To {what} {label}, give a reason</translation>
    </message>
    <message>
        <source>{where}：数值 {raw} 无效：{reason}</source>
        <translation>{where}: the value {raw} is invalid: {reason}</translation>
    </message>
    <message>
        <source>{who} {kind} 后面不应再有内容：{raw}</source>
        <translation>{who} {kind} takes nothing after it: {raw}</translation>
    </message>
    <message>
        <source>{who} {kind} 缺少{need}</source>
        <translation>{who} {kind} lacks {need}</translation>
    </message>
    <message>
        <source>{who}不能以自身为权重</source>
        <translation>{who} cannot weight by the indicator itself</translation>
    </message>
    <message>
        <source>{who}无效：{raw}（应为 sum、none、weighted: 人口指标代码 或 ratio: 计算式）</source>
        <translation>{who} is invalid: {raw} (sum, none, weighted: a population indicator&apos;s code, or ratio: a formula)</translation>
    </message>
    <message>
        <source>{who}的权重应为一个指标代码：{rest}</source>
        <translation>{who}: the weight should be an indicator&apos;s code: {rest}</translation>
    </message>
    <message>
        <source>{who}的权重指标不存在：{weight}</source>
        <translation>{who}: the weight indicator does not exist: {weight}</translation>
    </message>
    <message>
        <source>{who}的计算式不能用到自身：{rest}</source>
        <translation>{who}: the formula cannot use the indicator itself: {rest}</translation>
    </message>
    <message>
        <source>{who}的计算式有误（{rest}）：{reason}</source>
        <translation>{who}: the formula is wrong ({rest}): {reason}</translation>
    </message>
    <message>
        <source>{who}的计算式没有用到任何指标：{rest}</source>
        <translation>{who}: the formula uses no indicator: {rest}</translation>
    </message>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>± 之后应为百分数，却是{found}</source>
        <translation>a percentage should follow ±, but there is {found}</translation>
    </message>
    <message>
        <source>“{label}”列的{name}为 {total}，同一行 {n} 个县（市、区）之和为 {counted}，相差 {diff}：请核对各县的数值是否填错或漏填</source>
        <translation>the “{label}” column gives {name} as {total}, the {n} counties in its row add up to {counted}, {diff} apart: check the counties&apos; figures for a wrong or a missing one</translation>
    </message>
    <message>
        <source>“{label}”行的{name}为 {total}，上方 {n} 个县（市、区）之和为 {counted}，相差 {diff}：请核对各县的数值是否填错或漏填</source>
        <translation>the “{label}” row gives {name} as {total}, the {n} counties above add up to {counted}, {diff} apart: check the counties&apos; figures for a wrong or a missing one</translation>
    </message>
    <message>
        <source>“{status}”（{by}，{at}）</source>
        <translation>“{status}” ({by}, {at})</translation>
    </message>
    <message>
        <source>“{text}”</source>
        <translation>“{text}”</translation>
    </message>
    <message>
        <source>“{text}”不是已知的地区，此列的数字未导入（若是地区，请按行政区划写名称）</source>
        <translation>“{text}” is no known region: the figures of this column are not imported (if it is a region, write its name as the division list does)</translation>
    </message>
    <message>
        <source>“{text}”不是某一年全年的数值（如半年数、增长率），此列的数字未导入</source>
        <translation>“{text}” is not a whole year&apos;s figure (half a year, a growth …): the figures of this column are not imported</translation>
    </message>
    <message>
        <source>“{text}”不是目录中的指标，此列的数字未导入（若是指标，请按目录写名称）</source>
        <translation>“{text}” is not an indicator of the catalog: the figures of this column are not imported (if it is one, write its name as the catalog does)</translation>
    </message>
    <message>
        <source>“{text}”是合计列，未导入：市、省的数字由程序从各县汇总</source>
        <translation>“{text}” is a column of totals, not imported: the program computes a city&apos;s and the province&apos;s figures from the counties</translation>
    </message>
    <message>
        <source>“{text}”是合计行，未导入：市、省的数字由程序从各县汇总</source>
        <translation>“{text}” is a row of totals, not imported: the program computes a city&apos;s and the province&apos;s figures from the counties</translation>
    </message>
    <message>
        <source>≈（~=）需要写明允许误差，如 ± 2%</source>
        <translation>≈ (~=) needs its tolerance, such as ± 2%</translation>
    </message>
    <message>
        <source>一条规则只能有一个比较运算符</source>
        <translation>a rule has only one comparison</translation>
    </message>
    <message>
        <source>上年数值</source>
        <translation>Prior-year value</translation>
    </message>
    <message>
        <source>不是 .ods 工作簿（缺少 content.xml）</source>
        <translation>not an .ods workbook (it lacks content.xml)</translation>
    </message>
    <message>
        <source>不是 .xlsx 工作簿（无法识别的文件格式，或文件已损坏）</source>
        <translation>not an .xlsx workbook (a format not recognised, or a damaged file)</translation>
    </message>
    <message>
        <source>不是 Office 97–2003 复合文件</source>
        <translation>not an Office 97–2003 compound file</translation>
    </message>
    <message>
        <source>不是 RTF 文档</source>
        <translation>not an RTF document</translation>
    </message>
    <message>
        <source>不是 Word 97–2003 文档</source>
        <translation>not a Word 97–2003 document</translation>
    </message>
    <message>
        <source>不是 Word 或 WPS 文档（{suffix} 文件的内容不是 Word 97–2003 格式）</source>
        <translation>not a Word or WPS document (the content of the {suffix} file is not in the Word 97–2003 format)</translation>
    </message>
    <message>
        <source>不是UTF-8编码的文本</source>
        <translation>not text in UTF-8</translation>
    </message>
    <message>
        <source>不是完好的SQLite数据库文件（完整性检查：{detail}），未恢复：{source}</source>
        <translation>Not an intact SQLite database (integrity check: {detail}); nothing restored: {source}</translation>
    </message>
    <message>
        <source>不是完好的SQLite数据库文件，未恢复：{source}</source>
        <translation>Not an intact SQLite database; nothing restored: {source}</translation>
    </message>
    <message>
        <source>不是数字</source>
        <translation>not a number</translation>
    </message>
    <message>
        <source>不是数字（{kind}）</source>
        <translation>not a number ({kind})</translation>
    </message>
    <message>
        <source>不是数字（{value}）</source>
        <translation>not a number ({value})</translation>
    </message>
    <message>
        <source>不是数字（是逻辑值）</source>
        <translation>not a number (a TRUE/FALSE value)</translation>
    </message>
    <message>
        <source>不是文本文件（编码既不是UTF-8也不是GB18030）</source>
        <translation>not a text file (the encoding is neither UTF-8 nor GB18030)</translation>
    </message>
    <message>
        <source>不是有效的 OFD 文件（{detail}）</source>
        <translation>not a valid OFD file ({detail})</translation>
    </message>
    <message>
        <source>不是有效的 Word .docx 文件（{detail}）</source>
        <translation>not a valid Word .docx file ({detail})</translation>
    </message>
    <message>
        <source>不是有效的 Word .docx 文件（缺少 word/document.xml）</source>
        <translation>not a valid Word .docx file (word/document.xml is missing)</translation>
    </message>
    <message>
        <source>不是有限的数</source>
        <translation>not a finite number</translation>
    </message>
    <message>
        <source>不是本程序的数据库备份，未恢复：{source}</source>
        <translation>Not a backup of this program&apos;s store; nothing restored: {source}</translation>
    </message>
    <message>
        <source>不是本程序的数据库（文件头不是SQLite）：{path}。{hint}</source>
        <translation>Not a store of this program (the file does not begin as SQLite): {path}. {hint}</translation>
    </message>
    <message>
        <source>不能修改的项目：{fields}</source>
        <translation>These fields cannot be changed: {fields}</translation>
    </message>
    <message>
        <source>不能在网络驱动器或共享文件夹（{kind}）上建立数据库：{path}。请放在本机磁盘上。</source>
        <translation>A store cannot be made on a network drive or shared folder ({kind}): {path}. Put it on a disk of this computer.</translation>
    </message>
    <message>
        <source>与当前数据库相比没有不同</source>
        <translation>No difference from the current store</translation>
    </message>
    <message>
        <source>与此前{span}的{n}个年度值相比异常：本年{value}，此前均值{mean}、标准差{sd}，偏离{z}个标准差（超过{limit}个）</source>
        <translation>unusual against the {n} years {span}: this year {value}, their mean {mean} and standard deviation {sd}, {z} standard deviations away (more than {limit})</translation>
    </message>
    <message>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two passwords differ; please type them again.</translation>
    </message>
    <message>
        <source>交换格式版本为 {v}，本程序只支持到版本 {supported}，请升级程序</source>
        <translation>the exchange format is version {v}; this program reads up to version {supported}: update the program</translation>
    </message>
    <message>
        <source>人口指标代码，如 weighted: POP_RESIDENT</source>
        <translation>a population indicator&apos;s code, such as weighted: POP_RESIDENT</translation>
    </message>
    <message>
        <source>作为备份恢复</source>
        <translation>restored as a backup</translation>
    </message>
    <message>
        <source>作为备份文件写入</source>
        <translation>written as a backup</translation>
    </message>
    <message>
        <source>作为工作簿导入</source>
        <translation>imported as a workbook</translation>
    </message>
    <message>
        <source>作为报告读取</source>
        <translation>read as a report</translation>
    </message>
    <message>
        <source>作为报表文件夹</source>
        <translation>used as the reports folder</translation>
    </message>
    <message>
        <source>修改记录：备份不是本数据库较早时的状态（修改记录互不相连），恢复后现有的修改记录只留在恢复前的备份里</source>
        <translation>Audit trail: the backup is no earlier state of this store (the trails do not join); after the restore today&apos;s trail stays only in the backup made before it</translation>
    </message>
    <message>
        <source>修改记录：备份之后的 {n} 条修改记录将只留在恢复前的备份里</source>
        <translation>Audit trail: the {n} changes recorded after the backup will stay only in the backup made before the restore</translation>
    </message>
    <message>
        <source>公式没有保存计算结果（程序生成的工作簿常见），请在 Excel、WPS 或 LibreOffice 中打开并保存后再导入</source>
        <translation>the formula has no saved result (common in workbooks written by programs): open and save the workbook in Excel, WPS or LibreOffice, then import it</translation>
    </message>
    <message>
        <source>共享字符串合计超过 {limit} 个字符（{part}），拒绝读取</source>
        <translation>the shared strings hold more than {limit} characters in all ({part}): not read</translation>
    </message>
    <message>
        <source>共享字符串过多（超过 {limit} 个，{part}），拒绝读取</source>
        <translation>too many shared strings (more than {limit}, {part}): not read</translation>
    </message>
    <message>
        <source>其中 {part} 压缩比异常（{ratio} 倍，上限 {limit} 倍），疑似压缩炸弹，拒绝读取</source>
        <translation>{part} in it is compressed abnormally ({ratio} times, at most {limit}), like a zip bomb: not read</translation>
    </message>
    <message>
        <source>其中 {part} 解压后过大（{mb} MB，上限 {limit} MB），拒绝读取</source>
        <translation>{part} in it is too large unpacked ({mb} MB, at most {limit} MB): not read</translation>
    </message>
    <message>
        <source>其中 {part} 解压后过大（{mb} MB，上限 {limit} MB），疑似压缩炸弹，拒绝读取</source>
        <translation>{part} in it is too large unpacked ({mb} MB, at most {limit} MB), like a zip bomb: not read</translation>
    </message>
    <message>
        <source>冒号之后缺少规则表达式</source>
        <translation>the rule&apos;s expression is missing after the colon</translation>
    </message>
    <message>
        <source>写成审计记录</source>
        <translation>written as the audit trail</translation>
    </message>
    <message>
        <source>写成工作簿</source>
        <translation>written as a workbook</translation>
    </message>
    <message>
        <source>写成报表</source>
        <translation>written as a report</translation>
    </message>
    <message>
        <source>函数 {name} 之后应为左括号</source>
        <translation>an opening bracket should follow the function {name}</translation>
    </message>
    <message>
        <source>函数 {name} 需要{want}参数，给了{n}个</source>
        <translation>the function {name} takes {want} arguments, {n} given</translation>
    </message>
    <message>
        <source>升级数据库前无法建立备份，未升级：{path}（{reason}）</source>
        <translation>No backup could be made before upgrading the store, so it was not upgraded: {path} ({reason})</translation>
    </message>
    <message>
        <source>单位为“{written}”，但指标“{name}”的单位是“{unit}”（请换算后再导入）</source>
        <translation>the unit is “{written}”, but the unit of “{name}” is “{unit}” (convert the figures before importing)</translation>
    </message>
    <message>
        <source>单元格 {cell} 的内容超过 {limit} 个字符（Excel 单元格的上限），拒绝读取</source>
        <translation>cell {cell} holds more than {limit} characters (an Excel cell&apos;s limit): not read</translation>
    </message>
    <message>
        <source>单元格为百分比格式，但该指标单位是{unit}</source>
        <translation>the cell is formatted as a percentage, but this indicator&apos;s unit is {unit}</translation>
    </message>
    <message>
        <source>单元格为百分比格式，但该指标无单位</source>
        <translation>the cell is formatted as a percentage, but this indicator has no unit</translation>
    </message>
    <message>
        <source>单元格格式过多（超过 {limit} 个，{part}），拒绝读取</source>
        <translation>too many cell formats (more than {limit}, {part}): not read</translation>
    </message>
    <message>
        <source>压缩包不是 Excel 工作簿（可能是 Word、PowerPoint 或其他文件）</source>
        <translation>the zip archive is no Excel workbook (a Word, PowerPoint or other file?)</translation>
    </message>
    <message>
        <source>压缩包不是 Excel 工作簿（缺少 [Content_Types].xml）</source>
        <translation>the zip archive is no Excel workbook (it lacks [Content_Types].xml)</translation>
    </message>
    <message>
        <source>压缩包内文件过多（{n} 个，上限 {limit}），拒绝读取</source>
        <translation>too many files in the archive ({n}, at most {limit}): not read</translation>
    </message>
    <message>
        <source>压缩包内文件过多（上限 {limit}），拒绝读取</source>
        <translation>too many files in the archive (at most {limit}): not read</translation>
    </message>
    <message>
        <source>原因“{reason}”是套话或过于简略，请写明为何没有这个数值（如“本县无三级医院”）</source>
        <translation>The reason “{reason}” is boilerplate or too short: say why there is no value (such as “the county has no tertiary hospital”)</translation>
    </message>
    <message>
        <source>另一个窗口</source>
        <translation>another window</translation>
    </message>
    <message>
        <source>只有 ≈（~=）可以带允许误差 ±</source>
        <translation>only ≈ (~=) can have a tolerance ±</translation>
    </message>
    <message>
        <source>右括号 )</source>
        <translation>a closing bracket )</translation>
    </message>
    <message>
        <source>右边为{value}</source>
        <translation>the right side is {value}</translation>
    </message>
    <message>
        <source>同一文件在本次导入中出现了两次</source>
        <translation>the same file is given twice in this import</translation>
    </message>
    <message>
        <source>地区名称“{named}”与地区代码 {code}（{name}）不符</source>
        <translation>the region name “{named}” does not match the region code {code} ({name})</translation>
    </message>
    <message>
        <source>填报进度只导出为Excel工作簿（.xlsx）：{path}</source>
        <translation>The reporting progress is written only as an Excel workbook (.xlsx): {path}</translation>
    </message>
    <message>
        <source>备份中最后一条修改记录的时间：{at}</source>
        <translation>Last change recorded in the backup: {at}</translation>
    </message>
    <message>
        <source>备份中有引用不存在的地区或指标的记录，未恢复：{source}</source>
        <translation>The backup has records of regions or indicators it does not hold; nothing restored: {source}</translation>
    </message>
    <message>
        <source>备份中没有数据表（结构版本 {version}），不是完整的备份，未恢复：{source}</source>
        <translation>The backup has no tables (schema version {version}), so it is no whole backup; nothing restored: {source}</translation>
    </message>
    <message>
        <source>备份中没有数据表，不是完整的备份，未恢复：{source}</source>
        <translation>The backup has no tables, so it is no whole backup; nothing restored: {source}</translation>
    </message>
    <message>
        <source>备份中没有管理员用户，恢复后无人能管理数据库，未恢复：{source}</source>
        <translation>The backup has no administrator, so no one could manage the store after the restore; nothing restored: {source}</translation>
    </message>
    <message>
        <source>备份含有本程序不认识的数据表 {tables}，未恢复：{source}</source>
        <translation>The backup has tables this program does not know ({tables}); nothing restored: {source}</translation>
    </message>
    <message>
        <source>备份文件不存在：{source}</source>
        <translation>The backup file does not exist: {source}</translation>
    </message>
    <message>
        <source>备份文件不能是数据库本身</source>
        <translation>The backup file cannot be the store itself</translation>
    </message>
    <message>
        <source>备份文件不能是数据库本身：{source}</source>
        <translation>The backup file cannot be the store itself: {source}</translation>
    </message>
    <message>
        <source>备份由更新版本的程序建立（结构版本 {version}），未恢复：{source}</source>
        <translation>The backup was made by a newer version of the program (schema version {version}); nothing restored: {source}</translation>
    </message>
    <message>
        <source>备份的数据表 {table} 的列与结构版本 {version} 不符，未恢复：{source}</source>
        <translation>The columns of the backup&apos;s table {table} do not match schema version {version}; nothing restored: {source}</translation>
    </message>
    <message>
        <source>备份缺少数据表 {tables}（结构版本 {version}），不是完整的备份，未恢复：{source}</source>
        <translation>The backup lacks the tables {tables} (schema version {version}), so it is no whole backup; nothing restored: {source}</translation>
    </message>
    <message>
        <source>多余的内容：{found}</source>
        <translation>something extra: {found}</translation>
    </message>
    <message>
        <source>审核规则</source>
        <translation>rules</translation>
    </message>
    <message>
        <source>审核规则第{line}行用到指标 {code}，请先修改规则再改代码</source>
        <translation>Line {line} of the rules uses indicator {code}: change the rules first, then the code</translation>
    </message>
    <message>
        <source>审核规则：现有 {now} 个保存的版本，恢复后 {after} 个</source>
        <translation>Rules: {now} saved versions now, {after} after the restore</translation>
    </message>
    <message>
        <source>密码太短：至少 {n} 个字符。</source>
        <translation>The password is too short: at least {n} characters.</translation>
    </message>
    <message>
        <source>密码的开头或结尾不能是空格。</source>
        <translation>The password cannot begin or end with a space.</translation>
    </message>
    <message>
        <source>密码错误：用户 {name}</source>
        <translation>Wrong password for user {name}</translation>
    </message>
    <message>
        <source>导入被拒绝，未写入任何数据：共 {n} 处错误
{lines}</source>
        <translation>Import refused, nothing written: {n} errors
{lines}</translation>
    </message>
    <message>
        <source>导入被拒绝，未写入任何数据：共 {n} 处错误；另有 {more} 处错误未列出
{lines}</source>
        <translation>Import refused, nothing written: {n} errors; {more} more not listed
{lines}</translation>
    </message>
    <message>
        <source>工作簿中含有不安全的XML（DTD或实体定义），拒绝读取</source>
        <translation>the workbook holds unsafe XML (a DTD or entity definitions): refused</translation>
    </message>
    <message>
        <source>工作簿已损坏或格式不受支持，无法读取（{kind}：{detail}）</source>
        <translation>the workbook is damaged or in a format not supported, and cannot be read ({kind}: {detail})</translation>
    </message>
    <message>
        <source>工作簿已损坏，{part} 不是完好的XML（{detail}）</source>
        <translation>the workbook is damaged: {part} is not well-formed XML ({detail})</translation>
    </message>
    <message>
        <source>工作簿已损坏，无法解压（{reason}）</source>
        <translation>the workbook is damaged and cannot be unpacked ({reason})</translation>
    </message>
    <message>
        <source>工作簿无法读取（{reason}）</source>
        <translation>the workbook cannot be read ({reason})</translation>
    </message>
    <message>
        <source>工作簿超过 {cells} 个单元格，拒绝读取</source>
        <translation>the workbook has more than {cells} cells: not read</translation>
    </message>
    <message>
        <source>工作表XML中含有DTD或实体定义，拒绝读取</source>
        <translation>the sheet&apos;s XML holds a DTD or entity definitions: not read</translation>
    </message>
    <message>
        <source>工作表“{sheet}”声明了 {n} 行，超过上限 {rows} 行，拒绝读取</source>
        <translation>sheet “{sheet}” declares {n} rows, more than the {rows} allowed: not read</translation>
    </message>
    <message>
        <source>工作表“{sheet}”有 {n} 行，超过上限 {rows} 行，拒绝读取</source>
        <translation>sheet “{sheet}” has {n} rows, more than the {rows} allowed: not read</translation>
    </message>
    <message>
        <source>工作表“{sheet}”的文字合计超过 {limit} 个字符（到第 {row} 行），拒绝读取</source>
        <translation>the text of sheet “{sheet}” is more than {limit} characters in all (by row {row}): not read</translation>
    </message>
    <message>
        <source>工作表“{sheet}”超过 {rows} 行，拒绝读取</source>
        <translation>sheet “{sheet}” has more than {rows} rows: not read</translation>
    </message>
    <message>
        <source>工作表“{sheet}”过大（超过 {rows} 行或工作簿超过 {cells} 个单元格），拒绝读取</source>
        <translation>sheet “{sheet}” is too large (more than {rows} rows, or the workbook more than {cells} cells): not read</translation>
    </message>
    <message>
        <source>工作表“{sheet}”：{reason}</source>
        <translation>sheet “{sheet}”: {reason}</translation>
    </message>
    <message>
        <source>左括号 (</source>
        <translation>an opening bracket (</translation>
    </message>
    <message>
        <source>带有%，但该指标单位是{unit}</source>
        <translation>has %, but this indicator&apos;s unit is {unit}</translation>
    </message>
    <message>
        <source>带有%，但该指标无单位</source>
        <translation>has %, but this indicator has no unit</translation>
    </message>
    <message>
        <source>年份应为四位数字</source>
        <translation>the year should be four digits</translation>
    </message>
    <message>
        <source>年份无效：{reason}</source>
        <translation>invalid year: {reason}</translation>
    </message>
    <message>
        <source>年份无效：{year}</source>
        <translation>Invalid year: {year}</translation>
    </message>
    <message>
        <source>年份无效：{year}，{reason}</source>
        <translation>Invalid year: {year}, {reason}</translation>
    </message>
    <message>
        <source>应为四位数字年份</source>
        <translation>a year has four digits</translation>
    </message>
    <message>
        <source>应为整数年份</source>
        <translation>a year is a whole number</translation>
    </message>
    <message>
        <source>应为整数，却是{value}（该指标不保留小数）</source>
        <translation>should be a whole number, but is {value} (this indicator has no decimals)</translation>
    </message>
    <message>
        <source>应在{low}–{high}之间</source>
        <translation>it should be within {low}–{high}</translation>
    </message>
    <message>
        <source>应满足 {condition}，但{left}，{right}</source>
        <translation>should satisfy {condition}, but {left} and {right}</translation>
    </message>
    <message>
        <source>恢复后的数据中表 {table} 引用了不存在的记录，未恢复：{source}</source>
        <translation>In the restored data the table {table} refers to records that do not exist; nothing restored: {source}</translation>
    </message>
    <message>
        <source>找不到数据表：没有一个工作表的前{n}行中有可识别的表头。交换格式为名为“数据”的工作表，表头至少包含{need}；也可按“指标×年份”“地区×指标”“指标×地区”或“年份×指标”排列，指标名称按目录填写</source>
        <translation>no table found: no sheet has a header the program knows in its first {n} rows. The exchange format is a sheet named data with at least the columns {need}; a table may also have indicators × years, regions × indicators, indicators × regions or years × indicators, the indicators named as the catalog names them</translation>
    </message>
    <message>
        <source>找不到表头（前{n}行中没有包含{need}的行；交换格式的列为：{names}；也可按“指标×年份”“地区×指标”“指标×地区”或“年份×指标”排列）</source>
        <translation>no header found (none of the first {n} rows holds {need}; the exchange format&apos;s columns are {names}; a table may also have indicators × years, regions × indicators, indicators × regions or years × indicators)</translation>
    </message>
    <message>
        <source>报表文件应以 .pdf 或 .xlsx 结尾：{path}</source>
        <translation>A report file should end in .pdf or .xlsx: {path}</translation>
    </message>
    <message>
        <source>指标 {code} 已有数值、目标值或提交记录，代码不能再修改</source>
        <translation>Indicator {code} already has values, targets or submissions, so its code can no longer change</translation>
    </message>
    <message>
        <source>指标 {code} 已有数值，类型不能再修改（类型决定同比阈值的含义）</source>
        <translation>Indicator {code} already has values, so its kind can no longer change (the kind decides what the year-on-year threshold means)</translation>
    </message>
    <message>
        <source>指标 {code} 的{field}应为数字：{value}</source>
        <translation>Indicator {code}: the {field} should be a number: {value}</translation>
    </message>
    <message>
        <source>指标 {code} 的{field}应为整数：{value}</source>
        <translation>Indicator {code}: the {field} should be a whole number: {value}</translation>
    </message>
    <message>
        <source>指标 {code} 的{field}应为有限的数字：{value}</source>
        <translation>Indicator {code}: the {field} should be a finite number: {value}</translation>
    </message>
    <message>
        <source>指标 {code} 的下限 {min} 大于上限 {max}</source>
        <translation>Indicator {code}: the lower bound {min} is above the upper bound {max}</translation>
    </message>
    <message>
        <source>指标 {code} 的分类不能为空</source>
        <translation>Indicator {code}: the section cannot be empty</translation>
    </message>
    <message>
        <source>指标 {code} 的别名不能含“|”：{alias}</source>
        <translation>Indicator {code}: an alias cannot contain “|”: {alias}</translation>
    </message>
    <message>
        <source>指标 {code} 的同比阈值应大于0（不设请留空）：{yoy}</source>
        <translation>Indicator {code}: the year-on-year threshold should be above 0 (leave it empty for none): {yoy}</translation>
    </message>
    <message>
        <source>指标 {code} 的名称不能为空</source>
        <translation>Indicator {code}: the name cannot be empty</translation>
    </message>
    <message>
        <source>指标 {code} 的名称或别名“{name}”与另一个指标的代码相同</source>
        <translation>Indicator {code}: the name or alias “{name}” is another indicator&apos;s code</translation>
    </message>
    <message>
        <source>指标 {code} 的名称或别名“{name}”已被指标 {other}（{other_name}）使用</source>
        <translation>Indicator {code}: the name or alias “{name}” is already used by indicator {other} ({other_name})</translation>
    </message>
    <message>
        <source>指标 {code} 的小数位数应在0–{most}之间：{decimals}</source>
        <translation>Indicator {code}: the decimals should be 0–{most}: {decimals}</translation>
    </message>
    <message>
        <source>指标 {code} 的方向应为 1（越高越好）、-1（越低越好）或 0：{direction}</source>
        <translation>Indicator {code}: the direction should be 1 (better higher), -1 (better lower) or 0: {direction}</translation>
    </message>
    <message>
        <source>指标 {code} 的汇总方式</source>
        <translation>The aggregation of indicator {code}</translation>
    </message>
    <message>
        <source>指标 {code} 的类型无效：{kind}（应为 {kinds} 之一）</source>
        <translation>Indicator {code}: the kind {kind} is invalid (one of {kinds})</translation>
    </message>
    <message>
        <source>指标 {code}（{name}）在已审核的年度中有数值（{shown}{more}），不能修改{fields}：已审核的报表须保持审核时的样子。请先由审核人重新打开这些年度，或新增一个指标代替它</source>
        <translation>Indicator {code} ({name}) has figures in approved years ({shown}{more}), so its {fields} cannot change: an approved report must stay as it was approved. Have a supervisor reopen those years first, or add a new indicator in its place</translation>
    </message>
    <message>
        <source>指标代码已存在：{code}</source>
        <translation>The indicator code already exists: {code}</translation>
    </message>
    <message>
        <source>指标代码无效：{code}（大写字母开头，只含大写字母、数字和下划线，2–64个字符）</source>
        <translation>Invalid indicator code: {code} (a capital letter first, then only capitals, digits and underscores, 2–64 characters)</translation>
    </message>
    <message>
        <source>指标名称“{named}”与指标代码 {code}（{name}）不符</source>
        <translation>the indicator name “{named}” does not match the indicator code {code} ({name})</translation>
    </message>
    <message>
        <source>指标目录：版本 {now} 将变回 {after}（{n} 个指标不同）</source>
        <translation>Catalog: version {now} goes back to {after} ({n} indicators differ)</translation>
    </message>
    <message>
        <source>按“地区×指标”排列</source>
        <translation>has regions × indicators</translation>
    </message>
    <message>
        <source>按“年份×指标”排列</source>
        <translation>has years × indicators</translation>
    </message>
    <message>
        <source>按“指标×地区”排列</source>
        <translation>has indicators × regions</translation>
    </message>
    <message>
        <source>按“指标×年份”排列</source>
        <translation>has indicators × years</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>数值 {raw} 无效：{reason}</source>
        <translation>The value {raw} is invalid: {reason}</translation>
    </message>
    <message>
        <source>数值或说明：{n} 处将变回备份时的样子</source>
        <translation>Values or notes: {n} go back to what the backup holds</translation>
    </message>
    <message>
        <source>数字中间有空格</source>
        <translation>has a space inside the number</translation>
    </message>
    <message>
        <source>数字后带有说明“（{remark}）”：请只填数字，说明写在说明（备注）栏</source>
        <translation>has a remark after the number (“{remark}”): enter the number alone and write the remark in the note</translation>
    </message>
    <message>
        <source>数据库不存在：{path}（先运行 {command} --db {path} init）</source>
        <translation>The store does not exist: {path} (run {command} --db {path} init first)</translation>
    </message>
    <message>
        <source>数据库以只读方式打开，未恢复：{path}{why}</source>
        <translation>The store is open read-only, so nothing was restored: {path}{why}</translation>
    </message>
    <message>
        <source>数据库以只读方式打开，本次修改未保存：{path}{why}</source>
        <translation>The store is open read-only, so this change was not saved: {path}{why}</translation>
    </message>
    <message>
        <source>数据库位于只读位置，且日志文件 {wal} 中有尚未并入的修改，无法只读打开：{path}。请把 {name} 和 {wal} 一起复制到可写的文件夹后再打开</source>
        <translation>The store is in a read-only place and its journal {wal} holds changes not yet merged, so it cannot be opened read-only: {path}. Copy {name} together with {wal} to a writable folder and open it there</translation>
    </message>
    <message>
        <source>数据库位于网络驱动器或共享文件夹（{kind}），已只读打开：{path}</source>
        <translation>The store is on a network drive or shared folder ({kind}) and was opened read-only: {path}</translation>
    </message>
    <message>
        <source>数据库只读，无法为管理员 {names} 设定密码：{path}</source>
        <translation>The store is read-only, so no password can be set for the administrators {names}: {path}</translation>
    </message>
    <message>
        <source>数据库尚未初始化：{path}（先运行 {command} --db {path} init）</source>
        <translation>The store is not initialised yet: {path} (run {command} --db {path} init first)</translation>
    </message>
    <message>
        <source>数据库所在文件夹只读，已只读打开（不能修改）：{path}</source>
        <translation>The store&apos;s folder is read-only, so the store was opened read-only (no changes): {path}</translation>
    </message>
    <message>
        <source>数据库文件只读，已只读打开（不能修改）：{path}</source>
        <translation>The store file is read-only, so it was opened read-only (no changes): {path}</translation>
    </message>
    <message>
        <source>数据库文件只读，无法写入，本次修改未保存：{path}</source>
        <translation>The store file is read-only and cannot be written; this change was not saved: {path}</translation>
    </message>
    <message>
        <source>数据库文件已损坏（quick_check: {result}）：{path}。{hint}</source>
        <translation>The store file is damaged (quick_check: {result}): {path}. {hint}</translation>
    </message>
    <message>
        <source>数据库文件已损坏：{path}。{hint}</source>
        <translation>The store file is damaged: {path}. {hint}</translation>
    </message>
    <message>
        <source>数据库文件已损坏：{path}（{detail}）。{hint}</source>
        <translation>The store file is damaged: {path} ({detail}). {hint}</translation>
    </message>
    <message>
        <source>数据库正被其他程序占用，等待{seconds}秒后仍未释放，本次操作未执行：{path}。请稍后重试，或关闭正在使用该数据库的另一个程序</source>
        <translation>Another program holds the store and did not let go within {seconds} seconds, so this was not done: {path}. Try again later, or close the other program using the store</translation>
    </message>
    <message>
        <source>数据库由更新版本的程序建立（结构版本 {version}，本程序支持到 {supported}），请升级程序后再打开：{path}</source>
        <translation>The store was made by a newer version of the program (schema version {version}; this one supports up to {supported}): upgrade the program, then open it: {path}</translation>
    </message>
    <message>
        <source>数据库路径是一个文件夹：{path}</source>
        <translation>The store&apos;s path is a folder: {path}</translation>
    </message>
    <message>
        <source>数据库错误：{detail}（{path}）</source>
        <translation>Store error: {detail} ({path})</translation>
    </message>
    <message>
        <source>数据库需要升级（结构版本 {version} → {supported}），但文件只读：{path}</source>
        <translation>The store needs an upgrade (schema version {version} → {supported}), but the file is read-only: {path}</translation>
    </message>
    <message>
        <source>数据行数 {raw} 不是整数</source>
        <translation>the row count {raw} is not a whole number</translation>
    </message>
    <message>
        <source>文件 {file}，{sheet}!{cell}：{message}</source>
        <translation>File {file}, {sheet}!{cell}: {message}</translation>
    </message>
    <message>
        <source>文件 {file}，{sheet}!{cell}：{region} {indicator} 上年数值为 {value}，本库 {stored_year} 年为 {stored}（文件与本库不一致，请核实哪一个正确）</source>
        <translation>File {file}, {sheet}!{cell}: {region} {indicator}: the prior-year value is {value}, this store has {stored} for {stored_year} (the file and the store disagree: check which one is right)</translation>
    </message>
    <message>
        <source>文件 {file}，{sheet}!{cell}：{region} {indicator} 上年数值为 {value}，本库没有 {year} 年以前的数值</source>
        <translation>File {file}, {sheet}!{cell}: {region} {indicator}: the prior-year value is {value}, this store has no value before {year}</translation>
    </message>
    <message>
        <source>文件 {file}，工作表“{sheet}”：{message}</source>
        <translation>File {file}, sheet “{sheet}”: {message}</translation>
    </message>
    <message>
        <source>文件 {file}：{message}</source>
        <translation>File {file}: {message}</translation>
    </message>
    <message>
        <source>文件不存在</source>
        <translation>no such file</translation>
    </message>
    <message>
        <source>文件不存在或是空文件：{path}</source>
        <translation>The file does not exist or is empty: {path}</translation>
    </message>
    <message>
        <source>文件不存在：{path}</source>
        <translation>no such file: {path}</translation>
    </message>
    <message>
        <source>文件为空</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>文件名过长（{n} 个字符），不能{action}；请用短一些的文件名：{name}…</source>
        <translation>the file name is too long ({n} characters) to be {action}; use a shorter name: {name}…</translation>
    </message>
    <message>
        <source>文件头损坏（扇区大小）</source>
        <translation>the file&apos;s header is damaged (sector size)</translation>
    </message>
    <message>
        <source>文件头损坏（扇区数超出文件）</source>
        <translation>the file&apos;s header is damaged (more sectors than the file holds)</translation>
    </message>
    <message>
        <source>文件夹不存在或没有写入权限</source>
        <translation>the folder does not exist or is not writable</translation>
    </message>
    <message>
        <source>文件损坏（DIFAT 链）</source>
        <translation>the file is damaged (DIFAT chain)</translation>
    </message>
    <message>
        <source>文件损坏（FAT 扇区超出文件）</source>
        <translation>the file is damaged (a FAT sector past the end of the file)</translation>
    </message>
    <message>
        <source>文件损坏（{detail}）</source>
        <translation>the file is damaged ({detail})</translation>
    </message>
    <message>
        <source>文件损坏（{what}不完整）</source>
        <translation>the file is damaged ({what} is incomplete)</translation>
    </message>
    <message>
        <source>文件损坏（{what}的扇区链）</source>
        <translation>the file is damaged (the sector chain of {what})</translation>
    </message>
    <message>
        <source>文件损坏（{what}的长度超出文件）</source>
        <translation>the file is damaged ({what} is longer than the file)</translation>
    </message>
    <message>
        <source>文件损坏（没有根目录）</source>
        <translation>the file is damaged (no root directory)</translation>
    </message>
    <message>
        <source>文件损坏（缺少 {name}）</source>
        <translation>the file is damaged ({name} is missing)</translation>
    </message>
    <message>
        <source>文件损坏（缺少表流）</source>
        <translation>the file is damaged (the table stream is missing)</translation>
    </message>
    <message>
        <source>文件过大（{mb} MB，上限 {limit} MB），拒绝读取</source>
        <translation>the file is too large ({mb} MB, at most {limit} MB): not read</translation>
    </message>
    <message>
        <source>文件过大（{size} MB，上限 {limit} MB），拒绝读取</source>
        <translation>the file is too large ({size} MB, the limit is {limit} MB): refused</translation>
    </message>
    <message>
        <source>文本表格格式有误（{reason}）；请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入</source>
        <translation>the text table is malformed ({reason}): open it in Excel or WPS, save it as .xlsx and import that</translation>
    </message>
    <message>
        <source>文本表格超过 {cells} 个单元格，拒绝读取</source>
        <translation>the text table has more than {cells} cells: not read</translation>
    </message>
    <message>
        <source>文本表格超过 {rows} 行，拒绝读取</source>
        <translation>the text table has more than {rows} rows: not read</translation>
    </message>
    <message>
        <source>文档中没有正文文字</source>
        <translation>the document has no body text</translation>
    </message>
    <message>
        <source>文档已加密，无法读取文字</source>
        <translation>the document is encrypted and its text cannot be read</translation>
    </message>
    <message>
        <source>新指标缺少：{fields}</source>
        <translation>A new indicator needs: {fields}</translation>
    </message>
    <message>
        <source>无法写入备份文件：{path}（{reason}）</source>
        <translation>Cannot write the backup file: {path} ({reason})</translation>
    </message>
    <message>
        <source>无法写入报表文件：{path} 是一个文件夹</source>
        <translation>Cannot write the report file: {path} is a folder</translation>
    </message>
    <message>
        <source>无法写入报表文件：{path}（{reason}）</source>
        <translation>Cannot write the report file: {path} ({reason})</translation>
    </message>
    <message>
        <source>无法写入报表文件：{path}（文件夹 {folder} 不存在）</source>
        <translation>Cannot write the report file: {path} (the folder {folder} does not exist)</translation>
    </message>
    <message>
        <source>无法写入报表文件：{path}（文件被占用或没有权限；若已在其他程序中打开，请先关闭）</source>
        <translation>Cannot write the report file: {path} (the file is in use or not writable; if another program has it open, close it first)</translation>
    </message>
    <message>
        <source>无法写入报表文件：{path}（没有写入文件夹 {folder} 的权限）</source>
        <translation>Cannot write the report file: {path} (no permission to write in the folder {folder})</translation>
    </message>
    <message>
        <source>无法写入文件：{path}（{reason}）</source>
        <translation>cannot write the file {path} ({reason})</translation>
    </message>
    <message>
        <source>无法写入文件：{path}（没有写入权限，或文件正在 Excel/WPS 中打开，请关闭后重试）</source>
        <translation>cannot write the file {path} (no permission, or the file is open in Excel or WPS: close it and try again)</translation>
    </message>
    <message>
        <source>无法创建数据库所在文件夹：{folder}（{reason}）</source>
        <translation>Cannot make the store&apos;s folder: {folder} ({reason})</translation>
    </message>
    <message>
        <source>无法启用WAL日志模式（得到 {mode}）：{path}</source>
        <translation>Cannot turn on WAL journaling (got {mode}): {path}</translation>
    </message>
    <message>
        <source>无法复制备份文件，未恢复，数据库未改动：{source}（{reason}）</source>
        <translation>Cannot copy the backup file; nothing restored and the store is unchanged: {source} ({reason})</translation>
    </message>
    <message>
        <source>无法建立文件夹：{folder}（{reason}）</source>
        <translation>Cannot make the folder: {folder} ({reason})</translation>
    </message>
    <message>
        <source>无法打开数据库文件：{path}（文件或所在文件夹不可访问）</source>
        <translation>Cannot open the store file: {path} (the file or its folder cannot be reached)</translation>
    </message>
    <message>
        <source>无法识别为数字</source>
        <translation>is not a number</translation>
    </message>
    <message>
        <source>无法识别为数字（单位应为{unit}）</source>
        <translation>is not a number (the unit should be {unit})</translation>
    </message>
    <message>
        <source>无法识别文本表格的编码（应为 UTF-8 或 GBK）；请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入</source>
        <translation>the text table&apos;s encoding is not recognised (UTF-8 or GBK expected): open it in Excel or WPS, save it as .xlsx and import that</translation>
    </message>
    <message>
        <source>无法识别的字符 {char}</source>
        <translation>unrecognised character {char}</translation>
    </message>
    <message>
        <source>无法读取 .ods 工作簿（文件已损坏）</source>
        <translation>the .ods workbook cannot be read (the file is damaged)</translation>
    </message>
    <message>
        <source>无法读取 .xls 工作簿（{reason}）；请在 Excel 中打开并另存为 .xlsx 后再导入</source>
        <translation>the .xls workbook cannot be read ({reason}): open it in Excel, save it as .xlsx and import that</translation>
    </message>
    <message>
        <source>无法读取 .xls 工作簿（文件已损坏或不是 Excel 97-2003 格式：{detail}）；请在 Excel 中打开并另存为 .xlsx 后再导入</source>
        <translation>the .xls workbook cannot be read (damaged, or not in the Excel 97-2003 format: {detail}): open it in Excel, save it as .xlsx and import that</translation>
    </message>
    <message>
        <source>无法读取 .xls 工作簿（文件已损坏：{detail}）；请在 Excel 中打开并另存为 .xlsx 后再导入</source>
        <translation>the .xls workbook cannot be read (damaged: {detail}): open it in Excel, save it as .xlsx and import that</translation>
    </message>
    <message>
        <source>无法读取备份文件，未恢复：{source}（{detail}）</source>
        <translation>Cannot read the backup file; nothing restored: {source} ({detail})</translation>
    </message>
    <message>
        <source>无法读取报告文件 {path}：{reason}</source>
        <translation>Cannot read the report file {path}: {reason}</translation>
    </message>
    <message>
        <source>无法读取数据库文件：{path}（{reason}）</source>
        <translation>Cannot read the store file: {path} ({reason})</translation>
    </message>
    <message>
        <source>无法读取（{reason}）</source>
        <translation>cannot be read ({reason})</translation>
    </message>
    <message>
        <source>时间 {raw} 无效（应为 ISO 格式，如 2024-03-01T10:00:00+08:00）</source>
        <translation>the time {raw} is invalid (ISO format, such as 2024-03-01T10:00:00+08:00)</translation>
    </message>
    <message>
        <source>是Excel错误值（公式出错），不是数字</source>
        <translation>is an Excel error value (a formula failed), not a number</translation>
    </message>
    <message>
        <source>是一个范围，不是数值：请填写实际的数</source>
        <translation>is a range, not a value: enter the actual figure</translation>
    </message>
    <message>
        <source>是上限，但{name}没有越高或越低越好之分：请只填目标数</source>
        <translation>is an upper bound, but {name} is neither better higher nor better lower: enter the target figure alone</translation>
    </message>
    <message>
        <source>是上限，但{name}越高越好，目标应是下限：请核对后只填目标数</source>
        <translation>is an upper bound, but {name} is better higher, so its target is a lower bound: check it and enter the target figure alone</translation>
    </message>
    <message>
        <source>是下限，但{name}没有越高或越低越好之分：请只填目标数</source>
        <translation>is a lower bound, but {name} is neither better higher nor better lower: enter the target figure alone</translation>
    </message>
    <message>
        <source>是下限，但{name}越低越好，目标应是上限：请核对后只填目标数</source>
        <translation>is a lower bound, but {name} is better lower, so its target is an upper bound: check it and enter the target figure alone</translation>
    </message>
    <message>
        <source>是日期或时间，不是数字（请把单元格格式改为“数值”）</source>
        <translation>is a date or a time, not a number (format the cell as a number)</translation>
    </message>
    <message>
        <source>是日期（{date}）而非年份；年份应为四位数字，或某年1月1日、12月31日这样表示一年的日期</source>
        <translation>is a date ({date}), not a year; a year is four digits, or a date standing for a year: its 1 January or 31 December</translation>
    </message>
    <message>
        <source>是约数：请填写确切的数</source>
        <translation>is approximate: enter the exact figure</translation>
    </message>
    <message>
        <source>最新的完好备份：{good}，恢复命令：{command} --db {store} restore {quoted}</source>
        <translation>The newest intact backup: {good}; to restore it: {command} --db {store} restore {quoted}</translation>
    </message>
    <message>
        <source>未注册的用户：{name}（用 user add 注册）</source>
        <translation>Unknown user: {name} (register with user add)</translation>
    </message>
    <message>
        <source>未注册的用户：{name}（由管理员用 user add 注册）</source>
        <translation>Unknown user: {name} (an administrator registers users with user add)</translation>
    </message>
    <message>
        <source>未知函数 {name}（可用：abs、min、max）</source>
        <translation>unknown function {name} (abs, min and max can be used)</translation>
    </message>
    <message>
        <source>未知地区</source>
        <translation>unknown region</translation>
    </message>
    <message>
        <source>未知地区 {raw}{hint}</source>
        <translation>unknown region {raw}{hint}</translation>
    </message>
    <message>
        <source>未知地区代码 {raw}{hint}</source>
        <translation>unknown region code {raw}{hint}</translation>
    </message>
    <message>
        <source>未知地区：{name}（请用6位区划代码或准确名称，如 331081 或 温岭市）</source>
        <translation>Unknown region: {name} (use the 6-digit division code or the exact name, such as 331081)</translation>
    </message>
    <message>
        <source>未知指标</source>
        <translation>unknown indicator</translation>
    </message>
    <message>
        <source>未知指标 {raw}{hint}</source>
        <translation>unknown indicator {raw}{hint}</translation>
    </message>
    <message>
        <source>未知指标代码 {code}</source>
        <translation>unknown indicator code {code}</translation>
    </message>
    <message>
        <source>未知指标代码 {code}{hint}</source>
        <translation>unknown indicator code {code}{hint}</translation>
    </message>
    <message>
        <source>未知指标代码 {raw}{hint}</source>
        <translation>unknown indicator code {raw}{hint}</translation>
    </message>
    <message>
        <source>未知指标：{name}{hint}</source>
        <translation>Unknown indicator: {name}{hint}</translation>
    </message>
    <message>
        <source>未知的严重程度 {word}（应为 error、warning 或 info）</source>
        <translation>unknown severity {word} (error, warning or info)</translation>
    </message>
    <message>
        <source>未知的地区：{county}</source>
        <translation>Unknown region: {county}</translation>
    </message>
    <message>
        <source>未达到目标：目标为不低于{target}，本年{value}，相差{gap}</source>
        <translation>target missed: the target is at least {target}, this year {value}, {gap} short</translation>
    </message>
    <message>
        <source>未达到目标：目标为不高于{target}，本年{value}，超出{gap}</source>
        <translation>target missed: the target is at most {target}, this year {value}, {gap} over</translation>
    </message>
    <message>
        <source>本年未填报数值{hint}；如确实无法提供，请在说明中写明原因</source>
        <translation>no value this year{hint}; if it cannot be given, say why in the note</translation>
    </message>
    <message>
        <source>本文件“{sheet}”表</source>
        <translation>sheet “{sheet}” of this file</translation>
    </message>
    <message>
        <source>本级填报{own}{unit}，各县（市、区）汇总（{method}）为{value}{unit}（{reported}/{of}），相差{share}%，超过允许的{tolerance}%</source>
        <translation>the office&apos;s own figure is {own} {unit}; its counties give {value} {unit} ({method}, {reported}/{of} reported): {share}% apart, more than the {tolerance}% allowed</translation>
    </message>
    <message>
        <source>标为不适用或本年未统计须写明原因</source>
        <translation>Marking not applicable or not collected needs a reason</translation>
    </message>
    <message>
        <source>标记 {kind} 无效（应为 na 不适用，或 uncollected 本年未统计）</source>
        <translation>the mark {kind} is invalid (na for not applicable, or uncollected for not collected this year)</translation>
    </message>
    <message>
        <source>标记无效：{kind}（应为 na 不适用，或 uncollected 本年未统计）</source>
        <translation>Invalid mark: {kind} (na for not applicable, or uncollected for not collected this year)</translation>
    </message>
    <message>
        <source>标记无效：{kind}（应为 na 或 uncollected）</source>
        <translation>Invalid mark: {kind} (na or uncollected)</translation>
    </message>
    <message>
        <source>标题写的是年份范围“{span}”，不知道表中是哪一年：请加一列“年份”，或在标题中只写一个年份</source>
        <translation>the title names a range of years, “{span}”, so which year the table holds is unknown: add a year column, or name one year in the title</translation>
    </message>
    <message>
        <source>样式定义过多（超过 {limit} 项，{part}），拒绝读取</source>
        <translation>too many style definitions (more than {limit}, {part}): not read</translation>
    </message>
    <message>
        <source>此前{span}的{n}个年度值均为{mean}，本年为{value}，偏离{dev}{unit}，超出历史波动范围</source>
        <translation>the {n} years {span} were all {mean}, this year is {value}: {dev} {unit} away, outside the range of the past years</translation>
    </message>
    <message>
        <source>此处应为{what}，却是{found}</source>
        <translation>{what} should be here, but there is {found}</translation>
    </message>
    <message>
        <source>此处应为数字、指标代码或左括号，却是{found}</source>
        <translation>a number, an indicator code or an opening bracket should be here, but there is {found}</translation>
    </message>
    <message>
        <source>此处应为比较运算符，却是{found}</source>
        <translation>a comparison should be here, but there is {found}</translation>
    </message>
    <message>
        <source>汇总方式</source>
        <translation>The aggregation</translation>
    </message>
    <message>
        <source>没有“地区名称”列</source>
        <translation>has no region column</translation>
    </message>
    <message>
        <source>没有“年份”列</source>
        <translation>has no year column</translation>
    </message>
    <message>
        <source>没有找到可用的备份。</source>
        <translation>No usable backup was found.</translation>
    </message>
    <message>
        <source>没有指定要导入的文件</source>
        <translation>no file given to import</translation>
    </message>
    <message>
        <source>没有文字分段表</source>
        <translation>no table of text pieces</translation>
    </message>
    <message>
        <source>状态 {raw} 无效（应为 {allowed}）</source>
        <translation>the status {raw} is invalid (one of {allowed})</translation>
    </message>
    <message>
        <source>状态 {region} {year}年：现为{now}，恢复后为{after}</source>
        <translation>Status of {region} {year}: now {now}, after the restore {after}</translation>
    </message>
    <message>
        <source>用户 {name} 设有密码，但未提供密码（命令行：环境变量 CHI_PASSWORD 或标准输入）</source>
        <translation>User {name} has a password, but none was given (command line: the CHI_PASSWORD environment variable or standard input)</translation>
    </message>
    <message>
        <source>用户 {name}：密码将变回备份时的密码（或没有密码）</source>
        <translation>User {name}: the password goes back to the backup&apos;s (or to none)</translation>
    </message>
    <message>
        <source>用户 {name}：将恢复（角色 {role}）</source>
        <translation>User {name}: comes back (role {role})</translation>
    </message>
    <message>
        <source>用户 {name}：将被删除（备份之后注册）</source>
        <translation>User {name}: will be removed (registered after the backup)</translation>
    </message>
    <message>
        <source>用户 {name}：角色 {now} 将变回 {after}</source>
        <translation>User {name}: the role {now} goes back to {after}</translation>
    </message>
    <message>
        <source>用户名不能为空</source>
        <translation>The user name cannot be empty</translation>
    </message>
    <message>
        <source>百分号 %</source>
        <translation>a percent sign %</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>the directory</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>目标“{written}”读作 {value}（该指标越低越好）</source>
        <translation>target “{written}” read as {value} (this indicator is better lower)</translation>
    </message>
    <message>
        <source>目标“{written}”读作 {value}（该指标越高越好）</source>
        <translation>target “{written}” read as {value} (this indicator is better higher)</translation>
    </message>
    <message>
        <source>目标值：{n} 处将变回备份时的样子</source>
        <translation>Targets: {n} go back to what the backup holds</translation>
    </message>
    <message>
        <source>磁盘已满或数据库达到容量上限，本次修改未保存（已保存的数据不受影响）：{path}。请腾出磁盘空间后重试</source>
        <translation>The disk is full or the store reached its size limit; this change was not saved (saved data are not affected): {path}. Free some disk space and try again</translation>
    </message>
    <message>
        <source>磁盘已满，备份未能写入：{path}（数据库本身未受影响）</source>
        <translation>The disk is full and the backup could not be written: {path} (the store itself is not affected)</translation>
    </message>
    <message>
        <source>窗口程序正在使用这个数据库（{holder}），已只读打开，不能修改；请先关闭窗口再修改：{path}</source>
        <translation>A window of the program is using this store ({holder}), so it was opened read-only: close that window before changing anything: {path}</translation>
    </message>
    <message>
        <source>第 {n} 个共享字符串超过 {limit} 个字符（Excel 单元格的上限，{part}），拒绝读取</source>
        <translation>shared string {n} is more than {limit} characters (an Excel cell&apos;s limit, {part}): not read</translation>
    </message>
    <message>
        <source>第 {row} 行第 {col} 列的文字超过 {limit} 个字符，拒绝读取</source>
        <translation>the text at row {row}, column {col} is more than {limit} characters: not read</translation>
    </message>
    <message>
        <source>第{column}列：{reason}</source>
        <translation>column {column}: {reason}</translation>
    </message>
    <message>
        <source>约1/{n}</source>
        <translation>about 1/{n} of</translation>
    </message>
    <message>
        <source>约{n}倍</source>
        <translation>about {n} times</translation>
    </message>
    <message>
        <source>组嵌套超过 {depth} 层</source>
        <translation>groups nested more than {depth} deep</translation>
    </message>
    <message>
        <source>缺少{what}</source>
        <translation>{what} is missing</translation>
    </message>
    <message>
        <source>缺少严重程度：每行应以 error:、warning: 或 info: 开头</source>
        <translation>the severity is missing: each line begins with error:, warning: or info:</translation>
    </message>
    <message>
        <source>缺少地区</source>
        <translation>the region is missing</translation>
    </message>
    <message>
        <source>缺少年份</source>
        <translation>the year is missing</translation>
    </message>
    <message>
        <source>缺少指标</source>
        <translation>the indicator is missing</translation>
    </message>
    <message>
        <source>缺少比较运算符（&lt;=、&gt;=、&lt;、&gt;、==、!=、≈）</source>
        <translation>the comparison is missing (&lt;=, &gt;=, &lt;, &gt;, ==, != or ≈)</translation>
    </message>
    <message>
        <source>网络共享</source>
        <translation>network share</translation>
    </message>
    <message>
        <source>网络驱动器</source>
        <translation>network drive</translation>
    </message>
    <message>
        <source>网页中没有正文文字</source>
        <translation>the web page has no body text</translation>
    </message>
    <message>
        <source>网页中的表格过多或嵌套过深（上限 {tables} 个、{depth} 层），拒绝读取</source>
        <translation>the web page has too many tables or nests them too deep (at most {tables} tables, {depth} levels): not read</translation>
    </message>
    <message>
        <source>网页存档（.mht）中没有网页</source>
        <translation>the web archive (.mht) holds no web page</translation>
    </message>
    <message>
        <source>网页存档（.mht）已损坏（{detail}）</source>
        <translation>the web archive (.mht) is damaged ({detail})</translation>
    </message>
    <message>
        <source>网页表格超过 {cells} 个单元格，拒绝读取</source>
        <translation>the web page&apos;s table has more than {cells} cells: not read</translation>
    </message>
    <message>
        <source>网页表格超过 {rows} 行，拒绝读取</source>
        <translation>the web page&apos;s table has more than {rows} rows: not read</translation>
    </message>
    <message>
        <source>至少{n}个</source>
        <translation>at least {n}</translation>
    </message>
    <message>
        <source>行尾</source>
        <translation>the end of the line</translation>
    </message>
    <message>
        <source>表中没有写地区，按文件名取为“{region}”，请核对</source>
        <translation>the table names no region; taken from the file&apos;s name as “{region}”: please check</translation>
    </message>
    <message>
        <source>表中没有写年份，按文件名取为 {year} 年，请核对</source>
        <translation>the table names no year; taken from the file&apos;s name as {year}: please check</translation>
    </message>
    <message>
        <source>表头重复：{names}（同一列名只能出现一次）</source>
        <translation>a heading repeated: {names} (each column name may appear once)</translation>
    </message>
    <message>
        <source>表格{shape}，但找不到地区：请加一列“地区名称”，或在表头上方的标题中写明地区（如“温岭市卫生健康指标”），或在文件名中写明地区</source>
        <translation>the table {shape}, but names no region: add a region_name column, or name the region in a title above the header, or in the file&apos;s name</translation>
    </message>
    <message>
        <source>表格{shape}，但找不到年份：请加一列“年份”，或在表头上方的标题中写明年份（如“2022年各县指标”），或把工作表命名为年份（如“2022”），或在文件名中写明年份</source>
        <translation>the table {shape}, but names no year: add a year column, or name the year in a title above the header, or name the sheet after the year (such as 2022), or name the year in the file&apos;s name</translation>
    </message>
    <message>
        <source>表格下方第 {row} 行是签名或注释行，其后不应再有数据（请把数据放在签名行上方）</source>
        <translation>row {row} below the table is a signature or a note, and no figures should follow it (put them above the signature line)</translation>
    </message>
    <message>
        <source>表达式不完整：缺少运算数</source>
        <translation>the expression is incomplete: an operand is missing</translation>
    </message>
    <message>
        <source>规则中没有任何指标代码</source>
        <translation>the rule uses no indicator code</translation>
    </message>
    <message>
        <source>规则文件 {origin} 第{line}行：{reason}{shown}</source>
        <translation>Rules file {origin}, line {line}: {reason}{shown}</translation>
    </message>
    <message>
        <source>角色无效：{role}（应为 clerk、supervisor 或 admin）</source>
        <translation>Invalid role: {role} (clerk, supervisor or admin)</translation>
    </message>
    <message>
        <source>解压后总大小过大（{mb} MB，上限 {limit} MB），拒绝读取</source>
        <translation>too large unpacked in all ({mb} MB, at most {limit} MB): not read</translation>
    </message>
    <message>
        <source>计算值为{value}</source>
        <translation>the computed value is {value}</translation>
    </message>
    <message>
        <source>计算式，如 ratio: HOSPITAL_BEDS / (POP_RESIDENT * 10)</source>
        <translation>a formula, such as ratio: HOSPITAL_BEDS / (POP_RESIDENT * 10)</translation>
    </message>
    <message>
        <source>该位置已有文件，未覆盖：{path}。请选择“打开已有的数据库文件”，或换一个位置。</source>
        <translation>A file is already there and was not overwritten: {path}. Choose “An existing store file”, or another place.</translation>
    </message>
    <message>
        <source>语法错误（第{column}列）：{reason}</source>
        <translation>syntax error (column {column}): {reason}</translation>
    </message>
    <message>
        <source>请为管理员 admin 设定密码：不设密码，任何人都能以管理员身份修改数据。</source>
        <translation>Set a password for the administrator admin: without one, anyone can change the data as the administrator.</translation>
    </message>
    <message>
        <source>请选择本单位所在的县（市、区）。</source>
        <translation>Choose the county (city, district) of this office.</translation>
    </message>
    <message>
        <source>读写数据库文件时发生磁盘错误，本次修改未保存：{path}。请检查磁盘或U盘是否已拔出</source>
        <translation>A disk error occurred while reading or writing the store, so this change was not saved: {path}. Check the disk, or whether the USB drive was pulled out</translation>
    </message>
    <message>
        <source>超过阈值{t}%</source>
        <translation>more than the threshold of {t}%</translation>
    </message>
    <message>
        <source>超过阈值{t}个百分点</source>
        <translation>more than the threshold of {t} percentage points</translation>
    </message>
    <message>
        <source>超过阈值（每年{t}%，阈值按间隔放宽为{limit}%）</source>
        <translation>more than the threshold ({t}% a year, widened to {limit}% for the gap)</translation>
    </message>
    <message>
        <source>超过阈值（每年{t}个百分点，阈值按间隔放宽为{limit}个百分点）</source>
        <translation>more than the threshold ({t} percentage points a year, widened to {limit} for the gap)</translation>
    </message>
    <message>
        <source>较{year}年</source>
        <translation>since {year}</translation>
    </message>
    <message>
        <source>较{year}年（间隔{gap}年）</source>
        <translation>since {year} ({gap} years apart)</translation>
    </message>
    <message>
        <source>输出文件夹不存在：{path}</source>
        <translation>the output folder does not exist: {path}</translation>
    </message>
    <message>
        <source>输出文件应以 .xlsx 结尾：{path}</source>
        <translation>the output file should end in .xlsx: {path}</translation>
    </message>
    <message>
        <source>输出路径不是文件夹：{folder}</source>
        <translation>The output path is not a folder: {folder}</translation>
    </message>
    <message>
        <source>输出路径是一个文件夹：{path}</source>
        <translation>the output path is a folder: {path}</translation>
    </message>
    <message>
        <source>输出路径是一个文件夹：{path}（请给出备份文件名）</source>
        <translation>The output path is a folder: {path} (give the backup file&apos;s name)</translation>
    </message>
    <message>
        <source>这是 CSV 或文本表格，不是 .xlsx 工作簿；请在 Excel 或 WPS 中打开并“另存为 Excel 工作簿(*.xlsx)”后再导入</source>
        <translation>this is a CSV or text table, not an .xlsx workbook: open it in Excel or WPS, save it as an Excel workbook (*.xlsx) and import that</translation>
    </message>
    <message>
        <source>这是 Excel 二进制工作簿（.xlsb），本程序不读取这种格式；请在 Excel 中另存为 .xlsx 后再导入</source>
        <translation>this is an Excel binary workbook (.xlsb), which the program does not read: save it as .xlsx in Excel and import that</translation>
    </message>
    <message>
        <source>这是 OpenDocument 表格（.ods），请在 LibreOffice 或 WPS 中另存为 .xlsx 后再导入</source>
        <translation>this is an OpenDocument spreadsheet (.ods): save it as .xlsx in LibreOffice or WPS and import that</translation>
    </message>
    <message>
        <source>这是 Word、WPS 文字或其他旧版 Office 文档，不是工作簿；请导入 Excel 或 WPS 表格的工作簿（.xlsx、.xls、.et、.ods）</source>
        <translation>this is a Word, WPS Writer or other old Office document, not a workbook: import an Excel or WPS spreadsheet (.xlsx, .xls, .et, .ods)</translation>
    </message>
    <message>
        <source>这是 XML 文件（如 Excel 2003 XML 表格），不是 .xlsx 工作簿；请在 Excel 中打开并另存为 .xlsx 后再导入</source>
        <translation>this is an XML file (an Excel 2003 XML spreadsheet?), not an .xlsx workbook: open it in Excel, save it as .xlsx and import that</translation>
    </message>
    <message>
        <source>这是一个文件夹，不是工作簿</source>
        <translation>this is a folder, not a workbook</translation>
    </message>
    <message>
        <source>这是一个空的压缩文件，不是 Excel 工作簿</source>
        <translation>this is an empty zip archive, not an Excel workbook</translation>
    </message>
    <message>
        <source>这是另一个程序的SQLite数据库，不是本程序的：{path}</source>
        <translation>This is another program&apos;s SQLite database, not this program&apos;s: {path}</translation>
    </message>
    <message>
        <source>这是启用宏的工作簿（.xlsm），为安全起见不导入；请另存为不含宏的 .xlsx 后再导入</source>
        <translation>this is a macro-enabled workbook (.xlsm), not imported for safety: save it as an .xlsx without macros and import that</translation>
    </message>
    <message>
        <source>这是文本文件，不是 .xlsx 工作簿</source>
        <translation>this is a text file, not an .xlsx workbook</translation>
    </message>
    <message>
        <source>这是网页（HTML）文件，其中没有表格；请在 Excel 中打开并另存为 .xlsx 后再导入</source>
        <translation>this is a web page (HTML) with no table: open it in Excel, save it as .xlsx and import that</translation>
    </message>
    <message>
        <source>这是设置了打开密码的加密工作簿：请在 Excel 或 WPS 中去掉密码后再导入</source>
        <translation>this workbook is encrypted with a password to open it: remove the password in Excel or WPS, then import it</translation>
    </message>
    <message>
        <source>进程 {pid}，计算机 {host}</source>
        <translation>process {pid} on {host}</translation>
    </message>
    <message>
        <source>迷你流</source>
        <translation>the mini stream</translation>
    </message>
    <message>
        <source>页数超过 {pages}，拒绝读取</source>
        <translation>more than {pages} pages: not read</translation>
    </message>
    <message>
        <source>（{name}）</source>
        <translation> ({name})</translation>
    </message>
    <message>
        <source>（{notice}）</source>
        <translation> ({notice})</translation>
    </message>
    <message>
        <source>（{prior}→{value}）</source>
        <translation>({prior}→{value})</translation>
    </message>
    <message>
        <source>（{text}）</source>
        <translation> ({text})</translation>
    </message>
    <message>
        <source>（{year}年为{value}）</source>
        <translation> ({year}: {value})</translation>
    </message>
    <message>
        <source>（如按“{used}”而非“{unit}”填报）</source>
        <translation> (entered in {used} instead of {unit}?)</translation>
    </message>
    <message>
        <source>（如按小数而非百分数填报，0.65应写作65）</source>
        <translation> (entered as a fraction instead of a percentage? 0.65 should be 65)</translation>
    </message>
    <message>
        <source>（应为区划代码或准确名称）</source>
        <translation> (give the division code or the exact name)</translation>
    </message>
    <message>
        <source>（涉及：{involved}）</source>
        <translation> (involving: {involved})</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>；相近的代码：{codes}</source>
        <translation>; similar codes: {codes}</translation>
    </message>
    <message>
        <source>；相近的指标：{names}</source>
        <translation>; similar indicators: {names}</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>{suffix} 文件</source>
        <translation>{suffix} file</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>不能选择数据库文件</source>
        <translation>Cannot choose the database file</translation>
    </message>
    <message>
        <source>{path} 是正在使用的数据库文件（或它的日志、锁文件），不能在这里打开或覆盖。请另选一个文件。</source>
        <translation>{path} is the database file in use (or its journal or lock file); it cannot be opened or overwritten here. Please choose another file.</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <source>已取消：未写入任何数据。</source>
        <translation>Cancelled: nothing was written.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>意外错误：{kind}：{text}</source>
        <translation>Unexpected error: {kind}: {text}</translation>
    </message>
    <message>
        <source>……另有 {n} 行未列出，点“显示详情”查看全部。</source>
        <translation>… {n} more lines not listed; click &quot;Show Details...&quot; to see them all.</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>（无日志文件）</source>
        <translation>(no log file)</translation>
    </message>
    <message>
        <source>详细信息已写入日志文件：{path}</source>
        <translation>The details were written to the log file: {path}</translation>
    </message>
</context>
<context>
    <name>vocabulary</name>
    <message>
        <source>草稿</source>
        <comment>status</comment>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已提交</source>
        <comment>status</comment>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已退回</source>
        <comment>status</comment>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已审核</source>
        <comment>status</comment>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已接收</source>
        <comment>status</comment>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>未填报</source>
        <comment>status</comment>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>填报员</source>
        <comment>role</comment>
        <translation>clerk</translation>
    </message>
    <message>
        <source>审核人</source>
        <comment>role</comment>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>管理员</source>
        <comment>role</comment>
        <translation>admin</translation>
    </message>
    <message>
        <source>数量</source>
        <comment>kind</comment>
        <translation>count</translation>
    </message>
    <message>
        <source>比率（%）</source>
        <comment>kind</comment>
        <translation>rate (%)</translation>
    </message>
    <message>
        <source>增长率（%）</source>
        <comment>kind</comment>
        <translation>growth rate (%)</translation>
    </message>
    <message>
        <source>千分率（‰）</source>
        <comment>kind</comment>
        <translation>per mille (‰)</translation>
    </message>
    <message>
        <source>每千人</source>
        <comment>kind</comment>
        <translation>per 1,000</translation>
    </message>
    <message>
        <source>每万人</source>
        <comment>kind</comment>
        <translation>per 10,000</translation>
    </message>
    <message>
        <source>每10万人</source>
        <comment>kind</comment>
        <translation>per 100,000</translation>
    </message>
    <message>
        <source>年数</source>
        <comment>kind</comment>
        <translation>years</translation>
    </message>
    <message>
        <source>得分</source>
        <comment>kind</comment>
        <translation>score</translation>
    </message>
    <message>
        <source>求和</source>
        <comment>method</comment>
        <translation>sum</translation>
    </message>
    <message>
        <source>按合计计算比率</source>
        <comment>method</comment>
        <translation>ratio of the totals</translation>
    </message>
    <message>
        <source>按人口加权</source>
        <comment>method</comment>
        <translation>weighted by population</translation>
    </message>
    <message>
        <source>不汇总</source>
        <comment>method</comment>
        <translation>not aggregated</translation>
    </message>
    <message>
        <source>错误</source>
        <comment>check</comment>
        <translation>error</translation>
    </message>
    <message>
        <source>核实</source>
        <comment>check</comment>
        <translation>warning</translation>
    </message>
    <message>
        <source>提示</source>
        <comment>check</comment>
        <translation>info</translation>
    </message>
    <message>
        <source>不适用</source>
        <comment>absence</comment>
        <translation>not applicable</translation>
    </message>
    <message>
        <source>本年未统计</source>
        <comment>absence</comment>
        <translation>not collected</translation>
    </message>
    <message>
        <source>数值</source>
        <comment>field</comment>
        <translation>Value</translation>
    </message>
    <message>
        <source>说明</source>
        <comment>field</comment>
        <translation>Note</translation>
    </message>
    <message>
        <source>状态</source>
        <comment>field</comment>
        <translation>Status</translation>
    </message>
    <message>
        <source>目标值</source>
        <comment>field</comment>
        <translation>Target</translation>
    </message>
    <message>
        <source>指标目录</source>
        <comment>field</comment>
        <translation>Catalog</translation>
    </message>
    <message>
        <source>审核规则</source>
        <comment>field</comment>
        <translation>Rules</translation>
    </message>
    <message>
        <source>用户</source>
        <comment>field</comment>
        <translation>User</translation>
    </message>
    <message>
        <source>登录失败</source>
        <comment>field</comment>
        <translation>Failed log-in</translation>
    </message>
    <message>
        <source>被拒绝的操作</source>
        <comment>field</comment>
        <translation>Refused action</translation>
    </message>
    <message>
        <source>退回意见</source>
        <comment>field</comment>
        <translation>Return notes</translation>
    </message>
    <message>
        <source>不适用标记</source>
        <comment>field</comment>
        <translation>Not-applicable mark</translation>
    </message>
    <message>
        <source>本单位地区</source>
        <comment>field</comment>
        <translation>home region</translation>
    </message>
    <message>
        <source>代码</source>
        <comment>catalog_field</comment>
        <translation>code</translation>
    </message>
    <message>
        <source>分类</source>
        <comment>catalog_field</comment>
        <translation>section</translation>
    </message>
    <message>
        <source>名称</source>
        <comment>catalog_field</comment>
        <translation>name</translation>
    </message>
    <message>
        <source>单位</source>
        <comment>catalog_field</comment>
        <translation>unit</translation>
    </message>
    <message>
        <source>类型</source>
        <comment>catalog_field</comment>
        <translation>kind</translation>
    </message>
    <message>
        <source>小数位数</source>
        <comment>catalog_field</comment>
        <translation>decimals</translation>
    </message>
    <message>
        <source>下限</source>
        <comment>catalog_field</comment>
        <translation>lower bound</translation>
    </message>
    <message>
        <source>上限</source>
        <comment>catalog_field</comment>
        <translation>upper bound</translation>
    </message>
    <message>
        <source>方向</source>
        <comment>catalog_field</comment>
        <translation>direction</translation>
    </message>
    <message>
        <source>同比阈值</source>
        <comment>catalog_field</comment>
        <translation>year-on-year threshold</translation>
    </message>
    <message>
        <source>定义</source>
        <comment>catalog_field</comment>
        <translation>definition</translation>
    </message>
    <message>
        <source>别名</source>
        <comment>catalog_field</comment>
        <translation>aliases</translation>
    </message>
    <message>
        <source>排序</source>
        <comment>catalog_field</comment>
        <translation>order</translation>
    </message>
    <message>
        <source>停用</source>
        <comment>catalog_field</comment>
        <translation>retired</translation>
    </message>
    <message>
        <source>汇总方式</source>
        <comment>catalog_field</comment>
        <translation>aggregation</translation>
    </message>
    <message>
        <source>窗口录入</source>
        <comment>source</comment>
        <translation>typed in the window</translation>
    </message>
    <message>
        <source>粘贴</source>
        <comment>source</comment>
        <translation>pasted</translation>
    </message>
    <message>
        <source>命令行</source>
        <comment>source</comment>
        <translation>command line</translation>
    </message>
    <message>
        <source>初始化</source>
        <comment>source</comment>
        <translation>set-up</translation>
    </message>
    <message>
        <source>演示数据</source>
        <comment>source</comment>
        <translation>demo data</translation>
    </message>
    <message>
        <source>演示数据·模拟</source>
        <comment>source</comment>
        <translation>demo data · simulated</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <comment>source</comment>
        <translation>backup restored</translation>
    </message>
    <message>
        <source>设定密码</source>
        <comment>source</comment>
        <translation>password set</translation>
    </message>
    <message>
        <source>从报告文本提取</source>
        <comment>source</comment>
        <translation>from report text</translation>
    </message>
    <message>
        <source>导入</source>
        <comment>source</comment>
        <translation>import</translation>
    </message>
    <message>
        <source>采用各县汇总</source>
        <comment>source</comment>
        <translation>adopted from the counties</translation>
    </message>
    <message>
        <source>提交</source>
        <comment>action</comment>
        <translation>submit</translation>
    </message>
    <message>
        <source>审核通过</source>
        <comment>action</comment>
        <translation>approve</translation>
    </message>
    <message>
        <source>退回</source>
        <comment>action</comment>
        <translation>return</translation>
    </message>
    <message>
        <source>重新打开</source>
        <comment>action</comment>
        <translation>reopen</translation>
    </message>
    <message>
        <source>接收</source>
        <comment>action</comment>
        <translation>accept</translation>
    </message>
</context>
</TS>
