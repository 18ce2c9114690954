using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GuaGou.Web.Components.Layout;

/// <summary>
/// MudBlazor's own texts (pagers, grid menus, pickers, upload, close buttons) in Chinese, whatever the browser's
/// language: the whole interface speaks zh-CN. Keys are MudBlazor's resource names; a key not listed here falls back
/// to MudBlazor's English, so a new component shows up in review rather than breaking.
/// </summary>
public sealed class ChineseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["MudDataGrid_Apply"] = "应用", ["MudDataGrid_Clear"] = "清除", ["MudDataGrid_AddFilter"] = "添加筛选",
        ["MudDataGrid_Cancel"] = "取消", ["MudDataGrid_Loading"] = "正在加载……", ["MudDataGrid_Save"] = "保存",
        ["MudDataGrid_HideAll"] = "全部隐藏", ["MudDataGrid_ShowAll"] = "全部显示", ["MudDataGrid_Columns"] = "列",
        ["MudDataGrid_ExpandAllGroups"] = "展开全部分组", ["MudDataGrid_CollapseAllGroups"] = "折叠全部分组",
        ["MudDataGrid_RefreshData"] = "刷新", ["MudDataGrid_True"] = "是", ["MudDataGrid_False"] = "否",
        ["MudDataGrid_Unsort"] = "取消排序", ["MudDataGrid_Filter"] = "筛选", ["MudDataGrid_Hide"] = "隐藏",
        ["MudDataGrid_Ungroup"] = "取消分组", ["MudDataGrid_CollapseGroup"] = "折叠分组", ["MudDataGrid_ExpandGroup"] = "展开分组",
        ["MudDataGrid_Group"] = "分组", ["MudDataGrid_FilterValue"] = "筛选值",
        ["MudDataGrid_Contains"] = "包含", ["MudDataGrid_NotContains"] = "不包含", ["MudDataGrid_Equals"] = "等于",
        ["MudDataGrid_NotEquals"] = "不等于", ["MudDataGrid_StartsWith"] = "开头是", ["MudDataGrid_EndsWith"] = "结尾是",
        ["MudDataGrid_IsEmpty"] = "为空", ["MudDataGrid_IsNotEmpty"] = "不为空", ["MudDataGrid_Is"] = "是",
        ["MudDataGrid_IsNot"] = "不是", ["MudDataGrid_IsAnyOf"] = "是其中之一", ["MudDataGrid_IsAfter"] = "晚于",
        ["MudDataGrid_IsOnOrAfter"] = "不早于", ["MudDataGrid_IsBefore"] = "早于", ["MudDataGrid_IsOnOrBefore"] = "不晚于",
        ["MudDataGrid_Column"] = "列", ["MudDataGrid_Operator"] = "条件", ["MudDataGrid_Value"] = "值",
        ["MudDataGrid_MoveDown"] = "下移", ["MudDataGrid_MoveUp"] = "上移", ["MudDataGrid_Sort"] = "排序",
        ["MudDataGrid_ClearFilter"] = "清除筛选", ["MudDataGrid_OpenFilters"] = "打开筛选",
        ["MudDataGrid_ToggleGroupExpansion"] = "展开或折叠分组", ["MudDataGrid_RemoveFilter"] = "移除筛选",
        ["MudDataGrid_SelectRow"] = "选择此行", ["MudDataGrid_SelectAllRows"] = "全选", ["MudDataGrid_ShowColumnOptions"] = "列选项",
        ["MudDataGrid_ReorderColumn"] = "调整列顺序",
        ["MudDataGridPager_RowsPerPage"] = "每页行数：", ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGridPager_InfoFormat"] = "第 {0}–{1} 条，共 {2} 条", ["MudDataGridPager_FirstPage"] = "第一页",
        ["MudDataGridPager_PreviousPage"] = "上一页", ["MudDataGridPager_NextPage"] = "下一页", ["MudDataGridPager_LastPage"] = "最后一页",
        ["MudTablePager_FirstPage"] = "第一页", ["MudTablePager_PreviousPage"] = "上一页", ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_LastPage"] = "最后一页",
        ["MudTable_SelectRow"] = "选择此行", ["MudTable_SelectAllRows"] = "全选", ["MudTable_SelectGroup"] = "选择分组",
        ["MudTable_Loading"] = "正在加载……", ["MudTable_ExpandGroup"] = "展开分组", ["MudTable_CollapseGroup"] = "折叠分组",
        ["MudTable_EditRow"] = "编辑", ["MudTable_CancelEditRow"] = "取消编辑", ["MudTable_CommitRow"] = "保存",
        ["MudBaseDatePicker_PrevYear"] = "上一年 {0}", ["MudBaseDatePicker_NextYear"] = "下一年 {0}",
        ["MudBaseDatePicker_PrevMonth"] = "上个月 {0}", ["MudBaseDatePicker_NextMonth"] = "下个月 {0}",
        ["MudBaseDatePicker_Open"] = "打开日历", ["MudDateRangePicker_Start"] = "开始日期", ["MudDateRangePicker_End"] = "结束日期",
        ["MudTimePicker_Open"] = "选择时间",
        ["MudFileUpload_DragAndDrop"] = "将文件拖到此处，或点击选择文件", ["MudFileUpload_Button"] = "选择文件",
        ["MudFileUpload_FileSizeError"] = "文件“{0}”超过了允许的大小（{1} 字节）。",
        ["MudFileUpload_MaximumFileCountExceeded"] = "选择了 {0} 个文件，最多只能选择 {1} 个。",
        ["MudDialog_Close"] = "关闭", ["MudChip_Close"] = "移除", ["MudSnackbar_Close"] = "关闭", ["MudAlert_Close"] = "关闭",
        ["MudExitPrompt_Title"] = "确认离开", ["MudExitPrompt_Text"] = "离开本页？尚未保存的修改将会丢失。",
        ["MudExitPrompt_Exit"] = "离开", ["MudExitPrompt_Cancel"] = "取消",
        ["MudFormComponent_Required"] = "必填", ["MudInput_Clear"] = "清除", ["MudInput_Decrement"] = "减少",
        ["MudInput_Increment"] = "增加", ["MudSelect_SelectAll"] = "全选", ["MudNavGroup_ToggleExpand"] = "展开或折叠 {0}",
        ["MudPagination_CurrentPage"] = "第 {0} 页（当前）", ["MudPagination_FirstPage"] = "第一页", ["MudPagination_LastPage"] = "最后一页",
        ["MudPagination_NextPage"] = "下一页", ["MudPagination_PageIndex"] = "第 {0} 页", ["MudPagination_PreviousPage"] = "上一页",
        ["MudBreadcrumbs_Label"] = "位置", ["MudTabs_ScrollLeft"] = "向左滚动", ["MudTabs_ScrollRight"] = "向右滚动",
        ["MudTabs_CloseTab"] = "关闭标签", ["MudTreeView_ExpandItem"] = "展开", ["MudTreeView_CollapseItem"] = "折叠",
        ["Converter_InvalidNumber"] = "不是有效的数字", ["Converter_InvalidDateTime"] = "不是有效的日期时间",
        ["Converter_InvalidBoolean"] = "不是有效的是/否值", ["Converter_InvalidGUID"] = "不是有效的编号",
        ["Converter_InvalidTimeSpan"] = "不是有效的时长",
    };

    public static IReadOnlyCollection<string> Keys => Texts.Keys;

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, text)
            : new LocalizedString(key, key, resourceNotFound: true);
}
