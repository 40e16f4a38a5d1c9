using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Stages;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;
using SupportBot.Engine.Understanding;

namespace SupportBot.Engine.Tests.Flows;

/// <summary>The stages after the guards: their documented priority order, and that the first one to handle a turn ends it.</summary>
public sealed class FlowStageTests
{
    [Fact]
    public void The_engine_runs_the_stages_in_the_documented_order()
    {
        var engine = new FlowEngine(new FlowSet([], [], []), new FlowEngineTests.DictionaryIntents([]), [], Options.Create(new UnderstandingOptions()));

        Assert.Equal(
            [typeof(CommandStage), typeof(ClarifyStage), typeof(ResumeStage), typeof(WhyStage), typeof(DigressionStage), typeof(ReadStage), typeof(RouteStage)],
            engine.Stages.Select(s => s.GetType()));
    }

    [Fact]
    public async Task A_stage_that_handles_the_turn_stops_the_later_ones()
    {
        var ran = new List<string>();
        IFlowStage[] stages = [new Stage("first", false, ran), new Stage("second", true, ran), new Stage("third", true, ran)];

        Assert.True(await FlowStages.RunAsync(stages, Turn(), CancellationToken.None));
        Assert.Equal(["first", "second"], ran);
    }

    [Fact]
    public async Task A_turn_no_stage_handles_has_been_offered_to_every_stage()
    {
        var ran = new List<string>();
        IFlowStage[] stages = [new Stage("first", false, ran), new Stage("second", false, ran)];

        Assert.False(await FlowStages.RunAsync(stages, Turn(), CancellationToken.None));
        Assert.Equal(["first", "second"], ran);
    }

    [Fact]
    public async Task The_menu_leaves_what_it_cannot_read_to_routing()
    {
        var h = new FlowEngineTests.Harness(FlowEngineTests.Intents);
        await h.Say("メニュー");
        // Not one of the menu's choices: not retried, but routed as a new message and answered.
        var replies = await h.Say("開所時間は？");
        Assert.StartsWith("開所時間は 10:00〜17:00 です", replies[0].Text);
        Assert.DoesNotContain(replies, r => r.Text == "ご用件をお選びください。文字で書いていただいても大丈夫です。");
    }

    [Fact]
    public async Task A_command_comes_before_the_answer_to_the_open_question()
    {
        var h = new FlowEngineTests.Harness(FlowEngineTests.Intents);
        await h.Say("フォーム");
        await h.Say("はい");
        // At the name question (free text) a command is still a command, not a name.
        Assert.StartsWith("わかりました。手続きを中止しました。", (await h.Say("キャンセル"))[0].Text);
    }

    private static FlowTurn Turn()
    {
        var catalog = new MessageCatalog(new Dictionary<string, Dictionary<string, CatalogEntry>> { ["ja-JP"] = new() }, new Dictionary<string, string>());
        var incoming = new Activity { Type = ActivityTypes.Message, Text = "hello", Conversation = new ConversationAccount { Id = "c" } };
        return new FlowTurn(new TurnContext(incoming, new ConversationState(), catalog, DateTimeOffset.UnixEpoch), new FlowEngineTests.DictionaryIntents([]), "hello");
    }

    private sealed class Stage(string name, bool handles, List<string> ran) : IFlowStage
    {
        public Task<bool> TryHandleAsync(FlowTurn turn, CancellationToken cancellationToken)
        {
            ran.Add(name);
            return Task.FromResult(handles);
        }
    }
}
