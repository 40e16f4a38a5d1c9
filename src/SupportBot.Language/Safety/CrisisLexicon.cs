namespace SupportBot.Language.Safety;

/// <summary>
/// The crisis lexicon: every rule is a named pattern over the folded text (see <see cref="CrisisText"/>:
/// NFKC, katakana → hiragana, lower case, no spaces, punctuation or emoji, no long-vowel marks,
/// small kana enlarged). Patterns are therefore written without ー: メッセージ is めっせじ here. Rules are written for both kanji and kana spellings.
/// Suppressors mark spans that look like a cue but are not one (hyperbole, compounds, information
/// requests, negation, a recovery story); a cue inside a suppressed span does not count.
/// </summary>
internal static class CrisisLexicon
{
    internal sealed record Rule(string Id, CrisisCategory Category, string Pattern, bool Immediate = false);

    internal sealed record Suppressor(string Id, string Pattern);

    // Verb stems written both ways: 死/し, 消/き, 生/い.
    private const string Die = "(死|し|市|氏|たひ)";
    private const string Live = "(生|い)";
    private const string Now = "(今から|いまから|これから|今夜|こんや|今日|きょう|もうすぐ|今すぐ|いますぐ)";

    public static readonly Rule[] Rules =
    [
        // Suicidal ideation, direct.
        new("ideation.shinitai", CrisisCategory.SuicidalIdeation, Die + "に(たい|たく|たか|て(ぇ|え))"),
        new("ideation.shindeshimaitai", CrisisCategory.SuicidalIdeation, "(死|し)んで(しまい|しま|しまえ)(たい|たら)"),
        new("ideation.shinda_hou", CrisisCategory.SuicidalIdeation, "(死|し)んだ(ほう|方)が(まし|マシ|いい|よい|楽|らく)"),
        new("ideation.shineba", CrisisCategory.SuicidalIdeation, "(死|し)(ねば|ねたら|ねれば)(いい|楽|らく|よか)"),
        new("ideation.shinou", CrisisCategory.SuicidalIdeation, "(死|し)の(う|お)(かな|と|って|か|よ)"),
        new("ideation.shinu_shika", CrisisCategory.SuicidalIdeation, "(死|し)ぬ(しか|ほか)(ない|な)"),
        new("ideation.shinu_hodo_tsurai", CrisisCategory.SuicidalIdeation, "(死|し)ぬ(ほど|くらい|ぐらい)(つら|辛|苦し|くるし|しんど)"),
        new("ideation.shinasete", CrisisCategory.SuicidalIdeation, "(死|し)なせて"),
        new("ideation.jisatsu", CrisisCategory.SuicidalIdeation, "(自殺|じさつ)(したい|しよう|しよ|する|を考|をかんが|を決|をほのめか|未遂|みすい|死体|しかけ|しそう|って)"),
        new("ideation.kietai", CrisisCategory.SuicidalIdeation, "(消|き)え(たい|たく|てしまいたい|ちゃいたい|たほうが|た方が|てなくなりたい)"),
        new("ideation.inakunaritai", CrisisCategory.SuicidalIdeation, "いなくなりたい|いなくなれたら|いない(ほう|方)が(みんな|皆|いい|幸せ|しあわせ)"),
        new("ideation.ikiteru_imi", CrisisCategory.SuicidalIdeation, Live + "き(てる|ている|ていく|る)(意味|いみ)が?(ない|なし|わから|分から|がない)"),
        new("ideation.ikite_mo", CrisisCategory.SuicidalIdeation, Live + "きて(て|い)?も(仕方|しかた|しょうが)(ない|な)"),
        new("ideation.ikitakunai", CrisisCategory.SuicidalIdeation, Live + "き(てい)?たくない|" + Live + "きていたくない"),
        new("ideation.ikiru_tsurai", CrisisCategory.SuicidalIdeation, Live + "き(る|てる|ている)(の|こと)(が|に)(つら|辛|疲|つか|しんど|苦し|くるし)"),
        new("ideation.no_morning", CrisisCategory.SuicidalIdeation, "(朝|あさ|明日|あした|あす)が(来|こ|き)なければ"),
        new("ideation.no_waking", CrisisCategory.SuicidalIdeation, "(目|め)が(覚|さ)めなければ"),
        new("ideation.not_born", CrisisCategory.SuicidalIdeation, "(生|う)まれて(こ|来)なければ|(生|う)まれなければよかった"),
        new("ideation.end_it", CrisisCategory.SuicidalIdeation, "(人生|じんせい|全部|ぜんぶ|すべて|何もかも|なにもかも)を?(終わり|おわり)に(したい|する)|(全部|ぜんぶ|すべて)(終|お)わらせたい|もう(終|お)わりにしたい"),
        new("ideation.method_jump", CrisisCategory.SuicidalIdeation, "(飛|と)び(降|お)り(たい|る|よう|ようと|そう|って)|(電車|でんしゃ|線路|せんろ|ほむ)に(飛|と)び(込|こ)"),
        new("ideation.method_hang", CrisisCategory.SuicidalIdeation, "(首|くび)を(吊|つ)|(首|くび)(吊|つ)り"),
        new("ideation.method_charcoal", CrisisCategory.SuicidalIdeation, "(練炭|れんたん)"),
        new("ideation.raku_owari", CrisisCategory.SuicidalIdeation, "(楽|らく)になりたい.{0,8}(終わ|おわ|死|し|消|き)"),
        new("ideation.genkai", CrisisCategory.SuicidalIdeation, "(限界|げんかい).{0,6}(消|き)え|(限界|げんかい).{0,6}(死|し)に"),
        new("ideation.nobody_needs", CrisisCategory.SuicidalIdeation, "(必要|ひつよう)とされてない.{0,10}(消|き)え"),

        // Farewell messages.
        new("farewell.thanks_until_now", CrisisCategory.Farewell, "(今|いま)まで(ありがと|有難|お世話)"),
        new("farewell.everyone_bye", CrisisCategory.Farewell, "(みんな|皆|みなさん|皆さん|みな)(今まで|いままで)?(さようなら|さよなら|さよう)"),
        new("farewell.last_message", CrisisCategory.Farewell, "(最後|さいご)の(めっせじ|挨拶|あいさつ|連絡|れんらく)|(最後|さいご)に(お礼|おれい)"),
        new("farewell.never_meet", CrisisCategory.Farewell, "もう(会|あ)えない"),
        new("farewell.tired_bye", CrisisCategory.Farewell, "(さようなら|さよなら).{0,20}(疲|つか)れ"),
        new("farewell.will", CrisisCategory.Farewell, "(遺書|いしょ)"),

        // Self-harm.
        new("selfharm.risuka", CrisisCategory.SelfHarm, "りすか|りすとかっと|(自傷|じしょう(行為|こうい))"),
        new("selfharm.cut", CrisisCategory.SelfHarm, "(手首|てくび|腕|うで|体|からだ|肌|はだ|太もも|ふともも)を?.{0,4}(切|き)(り|っ|る|ろう)"),
        new("selfharm.hurt_self", CrisisCategory.SelfHarm, "(自分|じぶん)(を|の体を)(傷|きず)つけ|(自分|じぶん)を(殴|なぐ)|(自分|じぶん)で(自分|じぶん)を"),
        new("selfharm.blood_calms", CrisisCategory.SelfHarm, "(血|ち)を(見|み)ると(落|お)ち(着|つ)"),

        // Overdose.
        new("overdose.all_pills", CrisisCategory.Overdose, "(薬|くすり)を?.{0,4}(全部|ぜんぶ|まとめて|大量|たいりょう|たくさん|一気|いっき|いっぱい|山ほど).{0,3}(飲|の)"),
        new("overdose.od", CrisisCategory.Overdose, "(^|[^a-z])od(する|した|しよ|したい|しそう|しちゃ|しま|って|か|$)|おばどず|(大量服薬|たいりょうふくやく)"),
        new("overdose.pills_took", CrisisCategory.Overdose, "(睡眠薬|すいみんやく|市販薬|しはんやく).{0,8}(全部|ぜんぶ|まとめて|大量|たくさん|一気).{0,3}(飲|の)", Immediate: true),

        // Medical emergency (always immediate).
        new("medical.collapsed", CrisisCategory.MedicalEmergency, "(倒|たお)れ(た|て|ました|ちゃ)", Immediate: true),
        new("medical.cannot_breathe", CrisisCategory.MedicalEmergency, "(息|いき)が(でき|出来)(ない|なく|ません)|(息|いき)が(苦|くる)し|(呼吸|こきゅう)(が|を)?(ない|して(い)?ない|止|と|でき|苦|くる|おかし)", Immediate: true),
        new("medical.unconscious", CrisisCategory.MedicalEmergency, "(意識|いしき)が(ない|なく|ありません|もうろう|朦朧|戻ら|もどら)", Immediate: true),
        new("medical.bleeding", CrisisCategory.MedicalEmergency, "(血|ち)が(止|と)まらない|(大量|たいりょう)に(出血|しゅっけつ)", Immediate: true),
        new("medical.seizure", CrisisCategory.MedicalEmergency, "(けいれん|痙攣)(して|が|を)|泡を吹", Immediate: true),
        new("medical.chest", CrisisCategory.MedicalEmergency, "(胸|むね)が(苦|くる|痛|いた)(し|い).{0,6}(助|たす)け", Immediate: true),
        new("medical.ambulance", CrisisCategory.MedicalEmergency, "(救急車|きゅうきゅうしゃ)を?(呼|よ)", Immediate: true),

        // Violence, to the person or by them (treated as immediate: the reply says 110 "if in danger now").
        new("violence.hit", CrisisCategory.Violence, "(殴|なぐ)られ|(蹴|け)られ(た|る|て)|(叩|たた)かれ|ぶたれ", Immediate: true),
        new("violence.abuse", CrisisCategory.Violence, "(暴力|ぼうりょく)(を|に)?(振る|ふる|受け|うけ|され)|(虐待|ぎゃくたい)(されて|を受け|をうけ|され)|(^|[^a-z])dv([^a-z]|$)", Immediate: true),
        new("violence.killed", CrisisCategory.Violence, "(殺|ころ)され(る|そう|かけ|た)", Immediate: true),
        new("violence.kill", CrisisCategory.Violence, "(殺|ころ)し(たい|てやる|そう)|殺す(ぞ|つもり)", Immediate: true),
        new("violence.stab", CrisisCategory.Violence, "(刺|さ)され(た|る|そう)|(刺|さ)して(しまい|しまい)そう|を(刺|さ)したい", Immediate: true),
        new("violence.attacked", CrisisCategory.Violence, "(襲|おそ)われ|(首|くび)を(絞|し)め(られ|る)|(脅|おど)され", Immediate: true),
    ];

    public static readonly Suppressor[] Suppressors =
    [
        // Hyperbole: 死ぬほど眠い, 暑くて死にそう, 死ぬかと思った.
        new("hyperbole.shinu_hodo", "(死|し)ぬ(ほど|くらい|ぐらい)(眠|ねむ|笑|わら|うま|美味|おいし|疲|つか|暑|あつ|寒|さむ|嬉|うれ|楽し|たのし|好|すき|忙|いそが|暇|ひま|可愛|かわい|面白|おもしろ|恥|はず|痛|いた|待|ま)"),
        new("hyperbole.shinu_kato", "(死|し)ぬかと(思|おも)"),
        // Things, not people, falling over: 木が倒れた, 自転車が倒れて.
        new("object.fell", "(木|き|自転車|じてんしゃ|棚|たな|看板|かんばん|家具|かぐ|塀|へい|電柱|でんちゅう|花瓶|かびん|ぼとる|こっぷ|本|ほん|椅子|いす|傘|かさ|植木|うえき|ばいく|車|くるま)が(倒|たお)れ"),
        // Compounds and other words that contain a cue: 必死, 死角, 殺風景, 息抜き, 殺虫剤, 死亡届, しねま.
        new("compound", "(必死|ひっし|死角|殺風景|殺虫|死亡届|遺言|ゆいごん|しねま|いしき(高|たか)|息抜き|いきぬき|息が合|いきがあ|消しゴム|けしごむ)"),
        // Information requests about suicide prevention.
        new("information.prevention", "(自殺|じさつ)(対策|たいさく|予防|よぼう|防止|ぼうし|総合|者数|しゃすう|率|りつ|統計)"),
        // Negation: 死にたいとは思わない, 死にたくはない, 死ぬつもりはない.
        new("negation.not_think", Die + "に(たい|たく)(と|とは|って)(は)?(思|おも)(わな|わず|って(い)?な|って(い)?ません|いません)"),
        new("negation.not_want", Die + "にたく(は|も)?(ない|ありません|なかった)"),
        new("negation.tsumori", "(死|し)ぬ(つもり|気|き)は(ない|ありません|な)"),
        new("negation.wakejanai", Die + "にたい(わけ|訳)(じゃ|では|で)(ない|な)"),
    ];

    /// <summary>A recovery story: the cue is told in the past and the message says things are better now.</summary>
    public const string PastCue = "(思|おも)った(こと|事)(は|が|も)|(昔|むかし|以前|いぜん|前は|まえは|当時|とうじ|若い頃|わかいころ)|(していた|してた|思っていた|おもっていた|だった|でした)";
    public const string RecoveryCue = "(今|いま)は.{0,12}(生|い)き(抜|ぬ|た|て|よう|る)|(今|いま)は.{0,8}(元気|げんき|大丈夫|だいじょうぶ|落ち着|おちつ|前向き|まえむき|楽し|たのし|やめられ|止められ|平気|へいき|幸せ|しあわせ)";

    private const string Person = "(家族|かぞく|母|父|お母さん|お父さん|おかあさん|おとうさん|母親|父親|息子|むすこ|娘|むすめ|夫|妻|旦那|だんな|嫁|主人|兄|姉|弟|妹|祖母|祖父|おばあちゃん|おじいちゃん|子ども|子供|こども|友達|友だち|ともだち|友人|彼氏|彼女|利用者|患者|本人|同僚|知人|あの人|その人|くらいあんと)(さん|ちゃん|くん)?";

    /// <summary>Someone else is the subject (家族が / 母は / 夫の意識), or the cue is quoted or passed on (「…」と言って, 友人からのメッセージ).</summary>
    public const string ThirdParty = Person + "(が|は|も)|" + Person + "の(意識|いしき|呼吸|こきゅう|息|いき)|" + Person + "から.{0,12}(めっせじ|らいん|line|連絡|れんらく|電話|でんわ|手紙|てがみ|来た|きた)|"
        + "(と|って)(言|い)(って|う|い)|(と|って)(話|はな)して|(と|って)(書|か)いて|(と|って)(らいん|line)|ほのめか";

    public const string Urgent = Now;
}
