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
        new("ideation.shinasete", CrisisCategory.SuicidalIdeation, "(死|し)なせて|(幻聴|げんちょう|声|こえ)が.{0,6}(死ね|しね|飛べ|とべ|消えろ|きえろ)|(死ね|しね|飛べ|とべ|消えろ|きえろ)(って|と)(命令|めいれい|うるさ)|(車|くるま)で(突っ込|つっこ)み(たい|そう)|(突っ込|つっこ)みたい(衝動|しょうどう)|(最後|さいご)は.{0,6}で(終わら|おわら|終わり|おわり)"),
        new("ideation.jisatsu", CrisisCategory.SuicidalIdeation, "(自殺|じさつ)(したい|しよう|しよ|する|を考|をかんが|を決|をほのめか|未遂|みすい|死体|しかけ|しそう|って)|(自殺|じさつ)(計画|けいかく|願望|がんぼう|念慮|ねんりょ)|(飛込|飛降|飛び込み|飛び降り|とびこみ|とびおり)(寸前|すんぜん|衝動|しょうどう)|(消滅|しょうめつ|希死|死亡)(願望|がんぼう)|(生存|せいぞん)(意欲|いよく)(皆無|かいむ|なし|ゼロ|ぜろ)"),
        new("ideation.kietai", CrisisCategory.SuicidalIdeation, "(消|き)え(たい|たく|てしまいたい|ちゃいたい|たほうが|た方が|てなくなりたい)|(この世|このよ)から(退場|たいじょう|おさらば|去り|さり)"),
        new("ideation.inakunaritai", CrisisCategory.SuicidalIdeation, "いなくなりたい|いなくなれたら|いない(ほう|方)が(みんな|皆|いい|幸せ|しあわせ)"),
        new("ideation.ikiteru_imi", CrisisCategory.SuicidalIdeation, Live + "き(てる|ている|ていく|る)(意味|いみ)が?(ない|なし|わから|分から|がない)"),
        new("ideation.ikite_mo", CrisisCategory.SuicidalIdeation, Live + "きて(て|い)?も(仕方|しかた|しょうが)(ない|な)"),
        new("ideation.ikitakunai", CrisisCategory.SuicidalIdeation, Live + "き(てい)?たくない|" + Live + "きていたくない"),
        new("ideation.ikiru_tsurai", CrisisCategory.SuicidalIdeation, Live + "き(る|てる|ている)(の|こと)(が|に)(つら|辛|疲|つか|しんど|苦し|くるし)"),
        new("ideation.no_morning", CrisisCategory.SuicidalIdeation, "(朝|あさ|明日|あした|あす)が(来|こ|き)なければ|(朝|あさ)(なんか|なんて|が)?(来|く)るな|(朝|あさ)(なんか|なんて)(来|こ)なくて"),
        new("ideation.no_waking", CrisisCategory.SuicidalIdeation, "(目|め)が(覚|さ)めなければ"),
        new("ideation.not_born", CrisisCategory.SuicidalIdeation, "(生|う)まれて(こ|来)なければ|(生|う)まれなければよかった"),
        new("ideation.end_it", CrisisCategory.SuicidalIdeation, "(人生|じんせい|全部|ぜんぶ|すべて|何もかも|なにもかも)を?(終わり|おわり)に(したい|する)|(全部|ぜんぶ|すべて)(終|お)わらせたい|もう(終|お)わりにしたい"),
        new("ideation.method_jump", CrisisCategory.SuicidalIdeation, "(飛|と)び(降|お)り(たい|る|よう|ようと|そう|って)|(電車|でんしゃ|線路|せんろ|ほむ)に(飛|と)び(込|こ)"),
        new("ideation.method_hang", CrisisCategory.SuicidalIdeation, "(首|くび)を(吊|つ)|(首|くび)(吊|つ)り|どあのぶ.{0,12}(試|ため|首|くび|吊|つる|かけ|掛け)|(紐|ひも|ろぷ|ろうぷ|こど|たおる|べると).{0,24}どあのぶ|(梁|はり)に.{0,8}(かけ|掛け)|(踏み台|ふみだい)を?(蹴|け)る"),
        new("ideation.method_charcoal", CrisisCategory.SuicidalIdeation, "(練炭|れんたん)"),
        new("ideation.raku_owari", CrisisCategory.SuicidalIdeation, "(楽|らく)になりたい.{0,8}(終わ|おわ|死|し|消|き)"),
        new("ideation.genkai", CrisisCategory.SuicidalIdeation, "(限界|げんかい).{0,6}(消|き)え|(限界|げんかい).{0,6}(死|し)に"),
        new("ideation.better_dead", CrisisCategory.SuicidalIdeation, "(死|し)んだ(ほう|方)が(まし|楽|らく|いい|良い|よい|みんな|皆)|(消|き)えた(ほう|方)が(まし|楽|らく|みんな|皆)"),
        new("ideation.one_way", CrisisCategory.SuicidalIdeation, "(片道|かたみち)(だけ|分で(いい|いー|十分|じゅうぶん|足り)|でいい|でええ)|(存在|そんざい)(を)?(やめ|止め|消し|けし)たい"),
        new("ideation.nobody_needs", CrisisCategory.SuicidalIdeation, "(必要|ひつよう)とされてない.{0,10}(消|き)え"),

        // Farewell messages.
        // 「今までありがとう」 alone is also how people leave a job or a service: it counts with a sign of leaving life.
        new("farewell.thanks_until_now", CrisisCategory.Farewell, "(今|いま)まで.{0,6}(ありがと|有難|お世話|おせわ|おおきに).{0,40}(最後|さいご|さよう?なら|消え|きえ|いなく|終わり|おわり|もう(会|あ|話|はな|戻|もど)|ごめん|すみません|迷惑|めいわく)"
            + "|(最後|さいご|さよう?なら|消え|いなく|もう(会|あ)えな).{0,40}(今|いま)まで.{0,6}(ありがと|有難|お世話|おせわ|おおきに)"),
        new("farewell.everyone_bye", CrisisCategory.Farewell, "(みんな|皆|みなさん|皆さん|みな)(今まで|いままで)?(さようなら|さよなら|さよう)|(みんな|皆|みなさん|皆さん)(今|いま)まで(本当に|ほんとうに|ほんと)?(ありがと|お世話|おせわ)"),
        new("farewell.last_message", CrisisCategory.Farewell, "(最後|さいご)の(めっせじ|挨拶|あいさつ|連絡|れんらく)|(最後|さいご)に(お礼|おれい)"),
        new("farewell.never_meet", CrisisCategory.Farewell, "もう(会|あ)えない|もう(会|あ)(わん|わない|えん).{0,10}(元気|げんき)で|(ばいばい|さよう?なら)ずっと|ずっと(ばいばい|さよう?なら)"),
        new("farewell.dont_look", CrisisCategory.Farewell, "(探|さが)さないで(ください|くだ|くれ|ほしい|ね)?$|don'tlookforme|dontlookforme"),
        new("farewell.tired_bye", CrisisCategory.Farewell, "(さようなら|さよなら).{0,20}(疲|つか)れ"),
        new("farewell.will", CrisisCategory.Farewell, "遺書|いしょ(を|が)?(書|か|残|のこ)|いしょ(は|を|が)?.{0,10}(下|した|中|なか|上|うえ|机|つくえ|引き出し|ひきだし)に|wrote(a)?letters?(for|to)(my|everyone)|(?<=遺言|ゆいごん)(書|しょ)?(は|わ|を|が)?.{0,10}(机|つくえ|引き出し|ひきだし|枕|まくら|部屋|へや)の?(上|うえ|下|した|中|なか)に|(?<=遺言|ゆいごん)(を)?.{0,6}(残|のこ)し(た|ました|て).{0,20}(見つけ|みつけ|渡し|わたし)"),
        // 「いっそ」 before a wish to end or be ended (いっそ隕石落ちてこい): a passive wish not to be.
        new("ideation.isso", CrisisCategory.SuicidalIdeation, "いっそ(の事|のこと)?.{0,16}(死|し(ね|に|ん)|消え|きえ|殺|ころ|終わ|おわ|楽に|らくに|落ちて|おちて|ぶつか|轢|ひい|いなく)"),

        // Self-harm.
        new("selfharm.risuka", CrisisCategory.SelfHarm, "りすか|りすとかっと|(自傷|じしょう(行為|こうい))"),
        new("selfharm.must_cut", CrisisCategory.SelfHarm, "(切|き)らないと(やって|生き|いき|落ち|おち|だめ|無理|むり)|(腕|うで|手首|てくび).{0,4}(まっか|真っ赤|血だらけ|ちだらけ)"),
        new("selfharm.cut", CrisisCategory.SelfHarm, "(手首|腕|肌|太もも)(を|に|も)?.{0,6}(切|き)(り|っ|る|ろう)|(てくび|うで|はだ|ふともも)(を|に|も).{0,2}(切|き)(り|っ|る|ろう)|てくび(を|に|も)?(切|き)(り|っ|る|ろう)"),
        new("selfharm.hurt_self", CrisisCategory.SelfHarm, "(胸|むね|腕|うで|足|あし|手首|てくび|太もも|ふともも|お腹|おなか|顔|かお|首|くび)(に|を)?.{0,8}(傷|きず)(を)?(つけ|付け)(た|て|ちゃ|る)|(自分|じぶん)(を|の体を)(傷|きず)つけ|(自分|じぶん)を(殴|なぐ)|(自分|じぶん)で(自分|じぶん)を|(火|ひ)を.{0,4}(指|ゆび|腕|うで|手|て|足|あし|肌|はだ)に(当|あ|押し当|おしあ)て|(やけど|火傷)(を)?させ|(あいろん|らいた|たばこ|煙草)で.{0,6}(手|て|腕|うで|指|ゆび|足|あし|自分|じぶん)を?(焼|や)い|(自分|じぶん)の.{0,16}(刺|さ)し(た|て|ちゃ)|(手首|てくび)から(血|ち)|(傷|きず).{0,12}(自分|じぶん)で(やった|やっ)|(自分|じぶん)で(やった|やっ).{0,8}(傷|きず)"),
        new("selfharm.blood_calms", CrisisCategory.SelfHarm, "(血|ち)を(見|み)ると(落|お)ち(着|つ)"),

        // Overdose.
        new("overdose.all_pills", CrisisCategory.Overdose, "(薬|くすり)を?.{0,4}(全部|ぜんぶ|まとめて|大量|たいりょう|たくさん|一気|いっき|いっぱい|山ほど).{0,3}(飲|の)"),
        new("overdose.with_alcohol", CrisisCategory.Overdose, "(酒|さけ|びーる|あるこーる|ちゅーはい|焼酎|しょうちゅう).{0,6}(薬|くすり).{0,8}(飲|の|やっちゃ|やった)|(薬|くすり).{0,8}(酒|さけ|びーる|あるこーる)(で|と)(飲|の)|(頭痛薬|ずつうやく|風邪薬|かぜぐすり|睡眠薬|すいみんやく)(を)?.{0,3}(ふた|二|2|三|3|何|なん)(箱|はこ|しーと)"),
        new("overdose.od", CrisisCategory.Overdose, "おー?でい(した|しちゃ|する)|(薬|くすり)(を)?(一気|いっき|全部|ぜんぶ)?(やっちゃ|やってもた|やってしま)|(^|[^a-z])od(する|した|しよ|したい|しそう|しちゃ|しま|って|か|$)|おばどず|(大量服薬|たいりょうふくやく)|od(衝動|しょうどう)"),
        new("overdose.pills_took", CrisisCategory.Overdose, "(睡眠薬|すいみんやく|市販薬|しはんやく).{0,8}(全部|ぜんぶ|まとめて|大量|たくさん|一気).{0,3}(飲|の)", Immediate: true),

        // Medical emergency (always immediate).
        new("medical.collapsed", CrisisCategory.MedicalEmergency, "(倒|たお)れ(た|て|ました|ちゃ)", Immediate: true),
        new("medical.fire", CrisisCategory.MedicalEmergency, "(かーてん|かてん|部屋|へや|台所|だいどころ|すとーぶ|すとぶ|布団|ふとん|鍋|なべ|てんぷら|コンロ|こんろ).{0,6}(火|ひ)が(つ|付|出|で|移|うつ)|(燃|も)えて(る|いる|ます)|(煙|けむり)が(充満|じゅうまん|出て|でて|すごい)|(火災|かさい)(発生|はっせい)(?!時|じ)|(黒煙|こくえん)|(煙|けむり)(が)?(充満|じゅうまん)", Immediate: true),
        new("medical.breathing_allergy", CrisisCategory.MedicalEmergency, "(喉|のど)が(締|し)ま|(顔|かお|唇|くちびる).{0,6}(腫|は)れ.{0,12}(息|いき|喉|のど)|あなふぃらき|(一酸化炭素|いっさんかたんそ|がす)(の)?(警報|けいほう|漏れ|もれ)|(低血糖|ていけっとう)|(えぴぺん|epipen)(を|は)?(打|う|使|つか|どこ|ない|忘れ|わすれ|now)|(喉|のど)(が)?.{0,2}(ひゅひゅ|ひゅうひゅう|ぜえぜえ|ぜいぜい|ぜぇぜぇ)", Immediate: true),
        new("medical.cannot_breathe", CrisisCategory.MedicalEmergency, "(息|いき)が(でき|出来)(ない|なく|ません)|(息|いき)が(苦|くる)し|(呼吸|こきゅう)(が|を)?(ない|して(い)?ない|止|と|でき|苦|くる|おかし)|stoppedbreathing|lips(are)?(turning)?blue|turningblue", Immediate: true),
        new("medical.unconscious", CrisisCategory.MedicalEmergency, "(意識|いしき)が(ない|なく|ありません|もうろう|朦朧|戻ら|もどら)|(意識|いしき)(無|なし|不明|ふめい)|(卒倒|そっとう)|(呼吸|こきゅう)(不明|停止|ていし)|(意識|いしき)(低下|ていか|障害|しょうがい|朦朧|もうろう)|(顔|かお)(が)?(片方|かたほう|半分|はんぶん).{0,4}(下が|さが|垂れ|たれ|ゆが|歪)|急に.{0,12}(しゃべり|喋り|ろれつ|呂律|手|て|足|あし|体|からだ).{0,8}(おかし|回らな|まわらな|動か|うごか)", Immediate: true),
        new("medical.bleeding", CrisisCategory.MedicalEmergency, "(血|ち)が(止|と)まらない|(大量|たいりょう)に(出血|しゅっけつ)|(止血|しけつ)(困難|こんなん|できな|でき(ません|ん))|(出血|しゅっけつ)(が)?(持続|じぞく|続い|つづい)", Immediate: true),
        new("medical.seizure", CrisisCategory.MedicalEmergency, "(けいれん|痙攣)(して|が|を)|泡を吹", Immediate: true),
        new("medical.chest", CrisisCategory.MedicalEmergency, "(胸|むね)が(苦|くる|痛|いた)(し|い).{0,6}(助|たす)け", Immediate: true),
        new("medical.ambulance", CrisisCategory.MedicalEmergency, "(救急車|きゅうきゅうしゃ)を?(呼|よ)|(たばこ|煙草|電池|でんち|洗剤|せんざい|ぼたん電池)(を)?(食べ|たべ|飲み込|のみこ|誤飲|ごいん|口に入れ|くちにいれ)|ate(a)?(cigarette|battery|button|detergent|pills)|(やけど|火傷).{0,12}(皮|かわ).{0,6}(むけ|剥け)|(体|からだ)が(冷た|つめた)く.{0,12}(震え|ふるえ)(も)?(止ま|とま)", Immediate: true),

        // Violence, to the person or by them (treated as immediate: the reply says 110 "if in danger now").
        // Kana けられ alone is also 続けられ / 受けられ: only after a particle does it read as 蹴られ.
        new("violence.hit", CrisisCategory.Violence, "(殴|なぐ)ら(れ|て)|蹴られ|(^|[はにもがで])けられ(た|る|て)|(叩|たた)かれ|ぶたれ|(叩|たた)いて(る|い)|(悲鳴|ひめい)|(怒鳴|どな)られ|ぼこ(ら|られ|ぼこにされ)|どつかれ|しばかれ", Immediate: true),
        new("violence.abuse", CrisisCategory.Violence, "(暴力|ぼうりょく)(を|に)?(振る|ふる|受け|うけ|され)|(虐待|ぎゃくたい)(されて|を受け|をうけ|され)|(^|[^a-z])dv([^a-z]|$)", Immediate: true),
        new("violence.killed", CrisisCategory.Violence, "(殺|ころ)され(る|そう|かけ|た)", Immediate: true),
        new("violence.kill", CrisisCategory.Violence, "(殺|ころ)し(たい|てやる|そう)|殺す(ぞ|つもり)", Immediate: true),
        new("violence.stab", CrisisCategory.Violence, "(刺|さ)され(た|る|そう)|(刺|さ)して(しまい|しまい)そう|を(刺|さ)したい", Immediate: true),
        new("violence.attacked", CrisisCategory.Violence, "(襲|おそ)われ|(首|くび)を(絞|し)め(られ|る)|(脅|おど)され", Immediate: true),

        // Broader stems by concept (written from the kinds of crisis, in kanji and kana; the folding has made katakana
        // hiragana, romaji kana, and removed spaces, so English is matched without spaces).
        new("ideation.will_die", CrisisCategory.SuicidalIdeation, "^(もう)?(死|し)(ぬ|にたい|のう)$|(未遂|みすい)|もう(死|し)(ぬ|のう|にます|んじゃう|んでも)|(死|し)に(ます|にいく|に行く)(わ|ね|から)?$|(死|し)ぬ(つもり|方法|ほうほう|場所|ばしょ|日|準備|じゅんび|覚悟|かくご|から|しか)|(死|し)んで(まい|しまい|しま)たい|(死|し)にたみ|(逝|ゆ)き(たい|ます)|(私|わたし|僕|ぼく|俺|おれ|うち|自分|じぶん)(は|も)?(死|し)(ぬ|のう)|(死|し)ぬ(だけ|予定|よてい)(です|だ|。|$)|(来週|らいしゅう|明日|あした|あす|今夜|こんや|今日|きょう)(に|には)?(死|し)ぬ(?!ほど|くらい|ぐらい|かと)"),
        new("ideation.end_life", CrisisCategory.SuicidalIdeation, "(命|いのち)を(絶|た|断|終|お|捨|す)|もう(終|お)わりに(する|します|したい|しよう)|(今夜|こんや)で(全部|ぜんぶ|すべて|人生|じんせい)?を?(終わり|おわり|終わら|おわら)|(今日|きょう)で(人生|じんせい|全部|ぜんぶ|すべて)を?(終わり|おわり|終わら|おわら)|(死|し)にに(行|い)|(全部|ぜんぶ)(終|お)わら(せ|す)|(死|し)ね(と|って)(言|い)|逝(っ|き|く|こ)|(自|みずか)ら(命|いのち)|(命|いのち|人生|じんせい)(を|も)?(終わら|おわら|終え|おえ)|この世(を|から)(去|さ|消|き|いなく)|あの世(に|へ)|(首|くび)(を)?(くく|括|吊|つる|つり)|(命|いのち)(絶|た)ち(たい|ます|ました)"),
        new("ideation.stop_living", CrisisCategory.SuicidalIdeation, "(生|い)きる(の|こと)?を?(やめ|止め|辞め|終わり|おわり)|(生|い)きて(い)?(け|ゆけ)(ない|なさそう|そうにな|る気がしな|ません|へん|ん)|(生|い)きていく(の|こと)(が|は)?(無理|むり|つら|辛)|(生|い)きて(い)?(け|ゆけ)る(気|き)がしな"),
        new("ideation.no_reason", CrisisCategory.SuicidalIdeation, "(生|い)き(てる|ている|とる|ちょる|でる|てん|てい|とっ|ていても|てても|とっても|てて|る)(の|こと)?(が|に|も|って|は)?(意味|いみ|価値|かち|理由|りゆう|しゃあない|しょうがない|仕方|しかた)|(生|い)き(る|てる|ている)(意味|いみ|価値|かち|理由|希望|気力|道|みち)|(生|い)ぎでる(意味|いみ)"),
        new("ideation.nonexistence", CrisisCategory.SuicidalIdeation, "(存在|そんざい)(ごと|自体)?(を)?(消|け|き|無|な)|(存在|そんざい)したくな|(無|む)になりたい|(存在|そんざい)(が|を)?(なく|無く)な|(消|き)え(たみ|ます|るね|よう)|(消|き)える(わ|ね|から|よ|$)|いなくなれば(いい|よい)|いなくなり(ます|たい)|いなぐなり|いなくなる(ので|から|つもり)|もういなく|(居|い)なくなった(ほう|方)が"),
        new("ideation.jisatsu_plain", CrisisCategory.SuicidalIdeation, "(自殺|じさつ)(の方法|のほうほう|方法|を図|をはか|企図|きと|念慮|ねんりょ|しか|の準備|するつもり|しようと|のこと|ばかり)|(希死|きし)(念慮|ねんりょ)|(自傷|じしょう)(他害|たがい)|suicid|killmyself|killingmyself|(want|wanna|wish)(to|i)?(could)?die|endmylife|endit(all)?|takemyownlife|betteroffdead|betteroffwithoutme"),
        new("ideation.passive_sleep", CrisisCategory.SuicidalIdeation, "(目|め)が?(覚|さ)め(なければ|なきゃ|なけれ|なくて(も)?(いい|ええ)|ないで|んで(いい|ええ))|(目覚|めざ)め(なければ|なくて|ない(で|まま))|(起|お)き(たくな|んでええ|なくていい|なければ)|(朝|あさ)が(来|こ|き)(なければ|ないで|なきゃ|ないといい|んでほしい)|(ずっと|永遠|えいえん)に?(眠|ねむ)(り|って|る)|(眠|ねむ)り(続|つづ)け|(永眠|えいみん)|dontwanttowakeup|don'twake|dontwake|don'twanttowakeup|notwakeup|sleepforever|neverwakeup|neverbeenborn|disappear"),
        new("ideation.passive_accident", CrisisCategory.SuicidalIdeation, "(事故|じこ).{0,12}(楽|らく|ばいい|ばええ|たらいい|のに)|(車|くるま)に(ひか|轢か|はね|跳ね|ひ)(れ|られ)(たら|れば)|(生|う)まれて(こ|来)(なければ|なきゃ|んかった|なかったら|ん(方|ほう)が)|(生|う)まれなければ|(人生|じんせい)から?ろぐあうと|carwouldhitme"),
        new("ideation.plan", CrisisCategory.SuicidalIdeation, "(ろぷ|ろぺ|縄|なわ)(を|も)?(買|か|用意|よういし|準備|じゅんび|かけ)|(ろぷ|縄|なわ|練炭|れんたん)で|(入水|じゅすい)|(欄干|らんかん|柵|さく|手すり|てすり|ふぇんす)を?(越|こ)え|決行|(死|し)ぬ(日|ひ)(を)?(決|き)め|(死|し)に(方|かた)を?(調|しら)|(楽|らく)に(死|し)ね|bought(a)?rope|charcoal.{0,20}(tape|car|room|burn)|pickedthedate|(i'm|im)goingtonight|everythingisready|(日付|日にち|ひにち|場所|ばしょ)も(方法|ほうほう|やり方|やりかた)も|(方法|ほうほう|やり方|やりかた)も(日付|日にち|ひにち|場所|ばしょ)も|(ろぷ|ろぺ|ろうぷ|縄|なわ|練炭|れんたん)(も|は|わ)?(ある|あります|用意|ようい)|(日|ひ|夜|よる)に(実行|じっこう)(する|します|しよう|したい)"),
        new("ideation.dangerous_place", CrisisCategory.SuicidalIdeation, "(線路|せんろ|ほむ(の)?(端|はし|先|さき)|踏切|ふみきり|屋上|おくじょう|橋の上|はしのうえ|欄干|らんかん|崖|がけ|だむ|柵の外|さくのそと|ベランダの外|林道|樹海|じゅかい)(に|の|で|から|へ)?(上|うえ|横|よこ|脇|わき|端|はし|前|まえ|外|そと)?(に|で)?(いる|いま|おる|おります|居|来|き|参|まい|立|た|なう|向か|むか|上が|あが|座|すわ|さいる|足を|手を|ずっと|おるっちゃ|すたんば|動か|うごか|下|した|$)"
            + "|(柵|さく)を?(越|こ)え|(電車|でんしゃ)(が)?(来|き)たら|次の(電車|でんしゃ)で|(踏切|ふみきり|線路|せんろ|ほむ).{0,12}(電車|でんしゃ)(を|が)?(待|ま|来|き)|(海|うみ)(に|へ)?.{0,10}(入|はい)(って|る|ろう|ります)|(海|うみ).{0,8}(帰|かえ)(ら|れ)ない|このまま(海|うみ)"
            + "|(飛|と)び(込|こ)(む|も|み|ん)|(べらんだ|屋上|おくじょう|窓|まど)から(下|した)を?(見|み)|(べらんだ|窓|まど)の(手すり|てすり|外|そと|縁|ふち)|ontheroof|edgeoftheplatform|onthebridge|onthetracks|lookingdown|othersideofthefence|drivingtothesea|drivetothesea|intothesea|(川|かわ|海|うみ|湖|みずうみ).{0,16}((入|はい)ったら.{0,8}(終わ|おわ|楽|らく|死|し)|(水|みず)の(中|なか)に)|parked.{0,20}(sea|cliff|river|bridge|mountain)|(橋|はし|屋上|おくじょう|びる|崖|がけ|ここ)から(飛|と)ぶ"),
        new("farewell.last", CrisisCategory.Farewell, "(最後|さいご)(の|に)?(お別れ|おわかれ|お礼|おれい|挨拶|あいさつ|連絡|れんらく|めっせじ|めえる|める|言葉|ことば|一言|ひとこと)|これで(最後|さいご|お別れ|おわかれ)|(お別れ|おわかれ)(です|を言|をい|します|を申|の(挨拶|あいさつ|めっせじ))|さよう?なら(や|永遠|えいえん|みんな|皆)|(永遠|えいえん)に?(さよう?なら|ばいばい)|(ばいばい|さよなら|さようなら)(永遠|えいえん)"
            + "|(みんな|皆|家族|かぞく|母|はは|かあさん|かあちゃん|お母さん|父|とうさん|お父さん|姉|兄|妹|弟|子供|こども|妻|夫).{0,4}(に|へ).{0,14}(伝え|つたえ)(て|ください)|(ごめん|ありがとう|ありがと|大好き|だいすき|愛して).{0,8}(伝え|つたえ)て|もう(会|あ)えな|もう(戻|もど)(れ|ら)な|もう(帰|かえ)(ら|れ)な|(帰|かえ)る(つもり|気|き)(は)?(ない|な)|(もう|二度と)(行|い)くことはない"
            + "|goodbyeforever|thisismylast|mylastmessage|lastmessage|sorryforeverything|wontbecomingback|won'tbecomingback|notcomingback|(最期|さいご)(之|の)(挨拶|あいさつ|言葉|ことば)"),
        new("farewell.belongings", CrisisCategory.Farewell, "(猫|ねこ|犬|いぬ|ぺっと|愛犬|愛猫|うさぎ|金魚|きんぎょ|鳥|いんこ)(の|を|は)?.{0,8}(お願い|おねがい|頼み|たのみ|頼む|たのむ|引き取|ひきと|面倒|めんどう|世話を|よろしく)|(通帳|つうちょう|印鑑|いんかん|暗証番号|あんしょうばんごう|ぱすわど|遺言|ゆいごん|財産|ざいさん|保険証書|鍵|かぎ).{0,20}(場所|ばしょ|ある(?!か)|あり(?!ますか|ませんか)|入って|はいって|入っ|置い|おい|めも|書い|かい|ござい|よろしく|頼|たの|お願い)|(身の回り|みのまわり)の?(整理|せいり)|(後|あと)の(こと|事)は.{0,10}(任せ|まかせ|頼|たの|お願い|よろしく)|(後|あと)は(よろ|頼|たの|任せ|まかせ)|(すまほ|携帯|けいたい|pc).{0,4}(ぱす|暗証)|(通帳|つうちょう|印鑑|いんかん).{0,20}(中|なか)(です|に)|(遺言|ゆいごん)|takecareofmy(cat|dog|pet|kids)|gavemy(cat|dog)|passwordsare|bankbook|leftawill|mywill|(通帳|つうちょう|印鑑|いんかん|鍵|かぎ)(は|わ|を)?.{0,16}(あと|後)(は|わ).{0,10}(任せ|まかせ|よろしく|頼|たの)"),
        new("selfharm.cut_more", CrisisCategory.SelfHarm, "あむか|れぐか|(また|もう一回|もういっかい|今日も|きょうも)(切|き)(った|っちゃ|りたい|ってしま)|(剃刀|かみそり|かったないふ|かった|刃物|はもの|刃|ないふ|がらす)で.{0,10}(切|き)(っ|り|る)|(傷|きず)(ぐち|口)?(が)?(深|ふか)|(掻|か)きむし|(爪|つめ)で.{0,8}(ひっか|引っか|掻|か)き|(切|き)り(たく|とう)て(たまら|しかた|仕方)|^(切|き)りたい$|(かみそり|剃刀|かった)(を|も)?(持|も)って|(熱湯|ねっとう).{0,6}(かけ|浴び|あび)|(痛|いた)い(と|と少し|とちょっと).{0,4}(落ち着|おちつ|安心|楽)|(根性焼|こんじょうやき|こんじょうや)|(たばこ|煙草)(の)?(火|ひ)?(い)?(を|で)?.{0,10}((押し|おし)(つけ|付け|当て|あて)|(焼|や)(い|き)|(当て|あて))|(頭|あたま)を?.{0,6}(壁|かべ|床|ゆか)に?.{0,6}(打|う|ぶつけ|たた|叩)|(壁|かべ)に(頭|あたま)|(自分|じぶん)(の)?(体|からだ|腕|うで|頭|あたま|顔|かお|手|て|足|あし)?を(殴|なぐ|叩|たた|傷|きず|引っか|ひっか|つね)"
            + "|cutmyself|cuttingmyself|cutmy(arm|wrist|leg|skin)|selfharm|self-harm|hurt(ing)?myself|burn(ed|t|ing)?(my|myself)|(bang|banging)myhead|scratched?myskin|withaboxcutter|withacigarette"),
        new("overdose.amount", CrisisCategory.Overdose, "(薬|くすり|錠|じょう|眠剤|みんざい|睡眠薬|すいみんやく|市販|しはん|頭痛薬|ずつうやく|鎮痛剤|ちんつうざい|安定剤|あんていざい|抗不安薬|ぶろん|でぱす|めじこん|処方|しょほう|眠れるくすり|ねむれるくすり).{0,16}([0-9]+|何十|なんじゅう|さんじゅう|にじゅう|ごじゅう|三十|二十|五十|百|ひゃく|一箱|ひとはこ|二箱|ふたはこ|箱ごと|はこごと|(?<!な)しと|一ヶ月分|か月分|ヶ月分|かげつぶん|瓶|びん|全部|ぜんぶ|まるごと|大量|たいりょう|いっぱい|たくさん|いっぺ|一気|いっき).{0,8}(飲|の|服用|ふくよう|いっ|いく|いこ|流し|ながし|きめ|決め)"
            + "|[0-9]+(錠|じょう|粒|つぶ)|(一|1|ひと|二|2|ふた|[0-9]+)(しと|はこ|箱)(ごと|まるごと)?.{0,4}(飲|の|いっ)|(今夜|こんや|今日|きょう).{0,4}(薬|くすり).{0,4}(全部|ぜんぶ)|(薬|くすり|剤|錠).{0,6}(飲みすぎ|のみすぎ|飲み過ぎ)|(薬|くすり|眠剤|みんざい)を?(ため|溜め|貯め)|(酒|さけ|お酒).{0,4}(と|で)(一緒|いっしょ)?.{0,4}(薬|くすり|眠剤|安定剤|でぱす)|(薬|くすり|でぱす|眠剤|みんざい).{0,4}(酒|さけ)で?(流|なが)|odちゅう|od中|(過量|かりょう)(服薬|ふくやく)"
            + "|overdos|took(all|every|amonth|thewhole|[0-9]+).{0,16}(pill|med|tablet)|pillsatonce|everythinginmymedicine|takeallmy"),
        new("medical.fire_gas", CrisisCategory.MedicalEmergency, "(火事|燃えて|もえて|燃えてる|(火|ひ)(が)?(出|で)(て|た)|火が(回|まわ)|(部屋|へや|台所|だいどころ|家|いえ).{0,6}(煙|けむり|火|燃)|火の手|(煙|けむり)が.{0,6}(すごい|充満|じゅうまん|出て|でて|いっぱい|止まらな|とまらな)|焦げ臭|こげくさ|ぼや|(がす)(の)?(臭|くさ|におい|匂|漏|も))|fire(in|!|$)|onfire|smoke(everywhere|in)|fullofsmoke|gasleak|smellgas", Immediate: true),
        new("medical.not_responding", CrisisCategory.MedicalEmergency, "(息|いき)(が)?(でき|出来|し)(ない|てない|ん|づら)|(息|いき)が(浅|あさ)|(呼吸|こきゅう)(が)?(浅|あさ|変|へん|荒|あら)|(呼|よ)(んでも|びかけても).{0,8}(返事|へんじ|反応|はんのう|起き|おき|動|うご)|(倒|たお)れ(て|た).{0,14}(動|うご|返事|へんじ|反応|はんのう|意識|いしき|起き|おき|息|いき)|ぐったり|白目|いびき.{0,8}(起|お)き(ない|ません)|(呼|よ)んでも(起|お)きない|(立|た)てなく(なった|なりました|なって)|しろめ|(泡|あわ)を?(吹|ふ)|(落|お)ちて.{0,6}(動|うご|意識|起き|おき)|(転|ころ)ん(で|だ).{0,12}(動|うご)け(ない|ん|へん|ません)"
            + "|(発作|ほっさ|けいれん|痙攣|ひきつけ)(が)?.{0,4}(止まらな|とまらな|止まらん|とまらん|止まん|ずっと|続いて|つづいて)|(胸|むね)(が)?.{0,4}(痛|いた)(い|くて|すぎ|え)|(腕|うで|顔|かお)(まで|が)?(しびれ|痺れ)|(冷や汗|ひやあせ)|(顔色|かおいろ)(が)?(悪|わる|やば|青|あお|紫|むらさき)|(呂律|ろれつ)|(片側|かたがわ|半身|はんしん)(が|だけ)?.{0,6}(動|うご|下が|さが|しびれ|痺れ)|(言葉|ことば)が(おかし|出な|でな)|(熱中症|ねっちゅうしょう)(かも|みたい|で(倒|たお|動|うご)|になっ|っぽ|の症状)"
            + "|(誤飲|ごいん|誤嚥)|(子|こども|子供|子ども|赤ちゃん|あかちゃん|息子|娘|孫).{0,10}(薬|くすり|電池|でんち|洗剤|せんざい|たばこ|煙草|ぼたん|漂白|ひょうはく).{0,8}(飲|の|食べ|たべ)|(詰|つ)まら(せ|した)|(喉|のど)に.{0,4}(詰|つ)ま|(頭|あたま)を?(強く|つよく)?(打|う)っ(た|て)|(血|ち)(が)?(止まらん|とまらん|止まん|とまん|とまらな)|(出血|しゅっけつ)(が)?(止|と|多|おお|ひど)|(血|ち)(だらけ|まみれ)|(救急|きゅうきゅう)(車|しゃ)"
            + "|notbreathing|can'tbreath|cantbreath|notresponding|unresponsive|unconscious|collapsed|passedout|seizure|swallowed|chestpain|bleeding|wontstop|won'tstop|stroke|choking|notmoving", Immediate: true),
        new("violence.threat", CrisisCategory.Violence, "(首|くび)(を)?(絞|し)め(られ|られた)|(包丁|ほうちょう|ないふ|刃物|はもの)(を)?(持|も)(って|った|ち出|ちだ)|(包丁|ほうちょう|ないふ|刃物|はもの)(を)?(向け|むけ|振り回|ふりまわ)|(閉|と)じ込め(られ|られた)|(すとか|つきまと|付きまと|待ち伏せ|まちぶせ)|(知らない|しらない|見知らぬ|みしらぬ)(男|おとこ|人|ひと|やつ).{0,14}(どあ|家|いえ|部屋|へや|玄関|げんかん|外|そと|前|まえ|ついて)"
            + "|(どあ|玄関|げんかん)の?(前|まえ|外|そと)に.{0,10}(誰か|だれか|男|おとこ|人|ひと|いる)|(どあ|扉|とびら)を?(叩|たた|どんどん|蹴)|(暴|あば)れ(て|る|とる|だし|出し)|(蹴|殴|なぐ)って(い|た|る|くる|きて|くん)|(あいつ|あのひと|あの人|上司|じょうし|夫|旦那|だんな|親|おや|父|母|やつ)(を)?(殺|ころ)(す|したい|して)|(殺|ころ)す(ぞ|から|と言|って言|って|。|$)|(殺|ころ)して(やり|やる)|(殺意|さつい)|(刺|さ)し(に(行|い)|たい)|(刺|さ)す(つもり|ぞ|から)|(脅|おど)(さ|かさ)れ|(虐待|ぎゃくたい)|(暴力|ぼうりょく)"
            + "|kill(him|her|you|them|someone|my(husband|wife|father|mother|dad|mom))|hit(s|ting)?me|beat(s|ing)?me|punched|kicked|abus(ed|ing|ive|er)|(child|sexual|physical|domestic|emotional|verbal)abuse|abuse(me|shim|sher|s)|threaten|knife|lockedin|lockedme|outsidemydoor|choked|strangl|hurtme|性的.{0,10}(強要|きょうよう)|(はさみ|鋏)を?(向け|むけ|振り回|ふりまわ)|(監禁|かんきん)|(突き落と|つきおと)(され|そうと)|(まだ|ずっと)(追いかけ|おいかけ|追って|おって)(きて|くる|来る)|punch(ing|es)?me", Immediate: true),
    ];

    public static readonly Suppressor[] Suppressors =
    [
        // Hyperbole: 死ぬほど眠い, 暑くて死にそう, 死ぬかと思った.
        new("hyperbole.shinu_hodo", "(死|し)ぬ(ほど|くらい|ぐらい)(眠|ねむ|笑|わら|うま|美味|おいし|疲|つか|暑|あつ|寒|さむ|嬉|うれ|楽し|たのし|好|すき|忙|いそが|暇|ひま|可愛|かわい|面白|おもしろ|恥|はず|痛|いた|待|ま)"),
        new("hyperbole.shinu_kato", "(死|し)ぬかと(思|おも)"),
        new("hyperbole.vanish", "embarrass.{0,30}disappear|disappear.{0,4}lol|(消|き)え(たい|てしまいたい|ちゃいたい|たく)(くらい|ぐらい|ほど|なる(くらい|ほど))|(恥ず?|はず|はづ)か?し(すぎて|過ぎて|くて|さで|さに|いから|いので)?(消|き)え"),
        new("hyperbole.too_much", "(尊|とうと|かわい|可愛|好き|すき|嬉し|うれし)(すぎ|過ぎ)(て)?.{0,4}(息|いき)|(すぎ|過ぎ)て(死|し)(ぬ|ね|にそう)|(暑|あつ|寒|さむ|眠|ねむ|腹|はら)(く)?て(死|し)(ぬ|にそう)|(体重計|たいじゅうけい)に(殺|ころ)"),
        new("broken_device", "(pc|ぱそこん|すまほ|携帯|けいたい|ぱそ)(が|も)?逝"),
        new("first_aid", "(倒|たお)れ(た|てい?る)(人|ひと|方|かた|とき|時|場合)|(応急|おうきゅう|救命|きゅうめい|心肺蘇生)"),
        // 「これで最後の質問です」: the last question of a chat, not a last message.
        new("last_question", "(これで)?(最後|さいご)(の|に)(もう)?(質問|しつもん|確認|かくにん|お願い|おねがい|ひとつ|一つ)"),
        // Children jumping off a sofa, a road along the coast: 海岸通り is a street name.
        new("play.jump_off", "(そふぁ|そふあ|べっど|椅子|いす|遊具|ゆうぐ|すべりだい|滑り台|ぶらんこ|跳び箱|とびばこ|台|だい)から(飛|と)び(降|お)り|(海岸|かいがん)(通|どお)り"),
        new("walk_in", "(飛|と)び(込|こ)み(で|参加|さんか|可|歓迎|の)"),
        new("information.suicide_en", "suicide(prevention|awareness)|(cooking|kitchen)(class|knife)"),
        new("news.wildfire", "(山火事|やまかじ)|(昔|むかし|歴史|れきし|江戸|戦国|にゅす|どらま|映画|えいが)の?.{0,6}(火事|かじ)|(game|げむ|ぼす|boss|敵|てき).{0,10}(殺|ころ)され"),
        new("hyperbole.kill", "(殺|ころ)す(気|き)か|(殺|ころ)される(かと|ほど|くらい)|(死|し)ね(る|ます)(わ|ほど|くらい)?(笑|w)|(嬉|うれ)し(すぎ|くて)(て)?(死|し)|(笑|わら)い(死|し)|(足|あし|脚)が(死|し)ん|(死|し)んでる(笑|w)|ぱそこんが(死|し)|すまほが(死|し)"),
        // Compounds and things, not people: 飛び込み営業 (door-to-door sales), a shelf that collapsed.
        new("compound.tobikomi_eigyou", "(飛び込|とびこ)み(営業|えいぎょう|禁止|きんし|台|だい|選手|せんしゅ|競技|きょうぎ)|(ぷる|水泳|すいえい)(で|の)?(飛び込|とびこ)み"),
        // Ending a thing (a contract, a class, a job, a course of treatment) is said like ending one's life.
        new("cancel.end_a_thing", "(契約|けいやく|ぷらん|さぶすく|教室|きょうしつ|仕事|しごと|ばいと|あるばいと|部活|ぶかつ|習い事|ならいごと|通院|つういん|りはび?り|治療|ちりょう|さびす|利用|りよう|通所|つうしょ|訓練|くんれん|がらけ|携帯|けいたい|習慣|しゅうかん|夜ふかし|夜更かし|よふかし|だいえっと|飲酒|いんしゅ|喫煙|きつえん)(を|は|も)?(もう)?.{0,5}(終わり|おわり)に|(通う|かよう|行く|いく)の(を|は|も)?(もう)?.{0,5}(終わり|おわり)に"),
        new("falls.thing_fell", "(物干し|ものほし|木|き|棚|たな|本棚|ほんだな|看板|かんばん|自転車|じてんしゃ|家具|かぐ|塀|へい|柱|はしら|てれび|花瓶|かびん|植木|うえき|鉢|ぽすと|電柱|でんちゅう|ふぇんす|傘立て|かさたて|ばいく)(が|も)(倒|たお)れ"),
        new("falls.thing_collapsed", "(shelf|shelves|bookcase|bookshelf|tower|building|wall|roof|tent|chair|table|stack|pile|tunnel|house|cabinet|fence)(has|had|just)?collapsed"),
        new("information.abuse", "(虐待|ぎゃくたい|暴力|ぼうりょく)(防止|ぼうし|研修|けんしゅう|の通報|について|とは|に関|の本|の講演|予防)|(通報|つうほう)(先|さき)は|firedrill|smokedetector|smokealarm|fireworks|firestation|gasbill|kickedoff|abusepreven"),
        new("route.bridge", "(橋|はし)(を|が)(渡|わた)|(駅|えき)の(ほむ|ホーム)で(待|ま)|(電車|でんしゃ)(が)?(止|と)ま"),
        // Things, not people, falling over: 木が倒れた, 自転車が倒れて.
        new("object.fell", "(木|き|自転車|じてんしゃ|棚|たな|看板|かんばん|家具|かぐ|塀|へい|電柱|でんちゅう|花瓶|かびん|ぼとる|こっぷ|本|ほん|椅子|いす|傘|かさ|植木|うえき|ばいく|車|くるま|鉢|はち|ぷらんた|自販機|じはんき|ふぇんす|てれび|冷蔵庫|れいぞうこ)(が|も|は)?.{0,4}(倒|たお)れ"),
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

    /// <summary>
    /// The message is about a story, a scar or a training rather than about the writer now: a film, a drama, a
    /// game, the news, a novel, a scar from long ago, a former self-harmer, a survivor, training material. A
    /// lexicon cue in such a message counts only when the classifier reads the message as a crisis too.
    /// </summary>
    public const string StoryContextCue = "どらま|drama|映画|えいが|movie|film|げむ|げえむ|がめ(で|の)|game|にゅす|news|小説|しょうせつ|novel|漫画|まんが|あにめ|anime|番組|ばんぐみ|特集|とくしゅう"
        + "|どきゅめんたり|documentary|主人公|しゅじんこう|犯人|はんにん|刑事|villain|事件|じけん|ぼすせん|boss|傷跡|傷あと|きずあと|scars?(?!ed|y)|元(りすか|od|おど)|経験者|けいけんしゃ|survivor"
        + "|研修|けんしゅう|資料|しりょう|ぜみ|統計|とうけい|論文|ろんぶん|れぽと|卒論|そつろん|過去|昔|(?<!あ)むかし|歌詞|曲|きょく|lyrics|song"
        // A question in general or about preventing it (誤飲防止, 火事の時の避難訓練, 倒れたらどうしたら, in general).
        + "|(防止|ぼうし|防ぐ|ふせぐ|防ぎ方|ふせぎかた|対策|たいさく|予防|よぼう|一般的|いっぱんてき|一般論|いっぱんろん|講習|こうしゅう|訓練|くんれん|工夫|くふう|補助|ほじょ)"
        + "|(知っときたい|知っておきたい|しっておきたい|しっときたい)|(時|とき)の(避難|ひなん|対応|たいおう|備え|そなえ)|たら(どう|どない|なにを|何を)(し|す)|(とき|時)(に|は)?(どう|どない|どげん|なにを|何を)(すれば|したら|する)|ingeneral|general|procedure|prevent|tips"
        // Someone quoted while doing something ordinary (「もう死ぬ〜」って言いながらお菓子食べてる).
        + "|って(言|い)いながら";

    /// <summary>A recovery story: the cue is told in the past and the message says things are better now.</summary>
    /// <summary>A change of job, home or school: a goodbye for that reason is not a farewell from life.</summary>
    public const string LifeChangeCue = "(担当|たんとう).{0,8}(替わ|変わ|代わ|かわ)|(支援|しえん).{0,6}(終わ|おわ)|supportperiod|lastsession|last(week|day)at|gotajob|(転勤|てんきん|異動|いどう|退職|たいしょく|引っ越|ひっこ|卒業|そつぎょう|転職|てんしょく|転院|てんいん|moving|newjob|transfer)|また(来|く|き|会|あ|連絡|れんらく|遊び|あそび|よろしく)|(?<!来世で|らいせで)また(ね|今度|こんど|明日|あした|来週|らいしゅう)|seeyou|(今日|きょう)も(ありがとう|お世話|おせわ)|(次|つぎ)の(事業所|じぎょうしょ|職場|しょくば|学校|がっこう|担当|たんとう|施設|しせつ)";

    /// <summary>The turn to the present in a story: 今は, 今では, いまわ (romaji "ima wa"), 現在は, 最近は, now, these days.</summary>
    public const string NowCue = "(春|はる|夏|なつ|秋|あき|冬|ふゆ|今年|ことし)になって|あれから|(ここ|この)[0-9一二三数]+(年|ねん|ヶ月|か月|かげつ)(は|ほど|くらい|ぐらい)|(今|いま)(は|わ|では|でわ)|(現在|げんざい)(は|では)|(最近|さいきん)は|(今年|ことし)は|nowi|i'mnow|imnow|thesedays|today(i|i'm)|(,|、|。|\\.)now";

    /// <summary>How life is now, said after the "now" of a story: well, calm, working, sleeping, with peers. Without one
    /// of these after the "now" (今は分からない) the past is not taken as over.</summary>
    public const string BetterNowCue = "(活躍|かつやく|まったくなく|全くなく|違う|ちがう|寝て|ねて|完治|かんち|clean|元気|げんき|楽し|たのし|安定|あんてい|落ち着|おちつ|穏やか|おだやか|大丈夫|だいじょうぶ|平気|へいき|幸せ|しあわせ|働|はたら|通って|かよって|通え|かよえ|眠れ|ねむれ|暮らし|くらし|ぴあ|回復|かいふく|長生き|ながいき|趣味|しゅみ|普通|ふつう|のんびり|なくなった|やめ(た|て|られ)|止め(た|て|られ)|卒業|そつぎょう|頑張|がんば|活動|かつどう|作業所|さぎょうしょ|仕事|しごと|笑|わら|毎日|まいにち|good|fine|well|better|happy|stable|living|recover|peer)";

    /// <summary>A request for material or training about supporting others (研修, 資料, 保健だより, どう声をかければ).</summary>
    public const string InformationCue = "((研修|けんしゅう|資料|しりょう|がいどらいん|勉強会|べんきょうかい|講座|こうざ|講演|こうえん|ぱんふれっと|ちらし)(は|が|を|って|も|など|とか)?|(本|ほん)(は|が|を|って|も|など|とか))"
        // 本 (a book) only with its particle: 本日 (today) is not a book.
        + ".{0,12}(あり|教え|おしえ|知り|しり|ご存知|ごぞんじ|紹介|しょうかい|もらえ|ください|くださ|探し|さがし)"
        // How to speak with or support someone else; "対応について" alone may be about oneself, so it does not count.
        + "|(防|ふせ)ぐ(ため|方法|ほうほう|には)|(予防|よぼう|防止|ぼうし)(の|する)?(ため|方法|ほうほう)|(言|い)われ(たら|た時|たとき).{0,12}(どう|なんて|何て|なにを|何を)|(どう|どのように)(接|せっ)し(たら|れば)|(どう|なんて|何て)(こたえ|答え|返し|かえし|声をかけ|こえをかけ)(たら|れば)|whatshouldidoif|howcani(help|support|talk)|howtosupport|howdoi(help|support|talk|respond)|(声|こえ)を?(かけ|掛け)(たら|れば|方|かた)|(接し方|せっしかた|支え方|ささえかた|関わり方|かかわりかた)|(保健|ほけん)だより|(支援者|しえんしゃ)(向け|むけ)|(危険性|きけんせい)について|(について|に関して|にかんして)(学|まな)(べ|び|ぶ)";

    /// <summary>The writer's own wish (私も死にたい): then an information request is not only that.</summary>
    public const string FirstPersonCue = "(私|わたし|自分|じぶん|僕|ぼく|俺|おれ|うち)(が|は|も)?.{0,8}((死|し)に(たい|そう)|(消|き)えたい|(切|き)りたい|(飲|の)みたい)";

    /// <summary>What says the danger is back (また, まだ, 最近): then a past story is not a recovery story.</summary>
    public const string RelapseCue = "また(やる|やり|した|しそう|切|き|飲|の|死|し|同じ)|(まだ|いまだに)(気持ち|きもち|死|し|消|き)|(最近|さいきん|今日|きょう|今夜|こんや|昨日|きのう).{0,10}(また|戻|もど|強く|つよく|ひどく)|(戻|もど)って(き|く)|(怖|こわ)い";

    public const string PastCue = "(一時期|いちじき|一時は|いっときは)|[一二三四五六七八九十数]+(年|ねん)(が|も|間|かん|以上|いじょう|経|た|、)|(思|おも)(た|うた)けど|(自傷|じしょう|自殺未遂|じさつみすい|od|りすか)(歴|れき)|(て|で)(た|いた)(けど|けれど|が|頃|ころ|とき|時)|(言|い|思|おも)ってた|てた(わたし|私|自分|じぶん|僕|ぼく)|(死|し)にたか(っ)?(た|思)|(頃|ころ)(は|わ)|(去年|きょねん|昨年|さくねん|一昨年|おととし|以前|いぜん|[0-9]+年前|十年前|じゅうねんまえ|若い頃|若いころ|わかいころ)|(何|なん)年も|[0-9]+(年|ねん)(も|間|かん|以上|いじょう|経|た)|(やめ|止め|辞め)て.{0,4}[0-9]+(年|ねん|ヶ月|か月|かげつ)|(学生|がくせい|高校|こうこう|中学|ちゅうがく|大学|だいがく|入院|にゅういん)(生)?(の|だった)(とき|時|頃|ころ)|(た|だ)(頃|ころ)|(て|で)おりました|(て|で)いました|過去(に|は|の)|年(以上|いじょう)?(前|まえ)|ねん(いじょう|まえ|かん)|かつて|嘗て|かこ(に|は|の)|た(こと|事)(が|も)(ある|あり|あっ)|から(もう)?[0-9]+(年|ねん|ヶ月|か月|かげつ)|backin|lastwinter|lastyear|asateenager|" + "(前|まえ)(は|に)|(時期|じき|頃|ころ)(が|も)?(あった|ありました)|(時代|じだい)|(しよった|しとった|してた|してました|ございました|あった時期|あったころ|あった頃|頃は|ころは)|usedto|yearsago|ago|years?clean|monthsclean|longtime|" + "(思|おも)った(こと|事)(は|が|も)|(昔|(?<!あ)むかし|以前|いぜん|前は|まえは|当時|とうじ|若い頃|わかいころ)|(していた|してた|思っていた|おもっていた|だった|でした)";
    public const string RecoveryCue = "[0-9]+(ねん|年|かげつ|ヶ月|か月)(かん|間)?.{0,8}(して(い)?ない|してません|やってない)|(ここ|この)[0-9一二三数]+(年|ねん|ヶ月|か月|かげつ)(は|わ)?.{0,8}(まったく|全く|一度も|いちども)(ない|なく|ありません|して)|beenclean|(完治|かんち)|(ここ|この)[0-9一二三数]+(年|ねん|ヶ月|か月|かげつ)(は|ほど|くらい|ぐらい)?.{0,8}(安定|あんてい|落ち着|おちつ|して(い)?ない|ありません)|[0-9a-z]+years?clean|(前|まえ)の(話|はなし)|もう.{0,16}(して(い)?ない|してません|していません|しとらん|してませ|やってない|やってません|昔の話|むかしのはなし)|(今|いま)は.{0,20}(趣味|しゅみ|夢中|むちゅう|忙し|いそがし|ちゃんと|問題な|完全|すっかり|孫|まご)|(回復|かいふく|完全復活|すっかり元気)|recover|sharemy|" + "(今|いま)(は|わ|では|でわ).{0,24}(元気|げんき|楽し|たのし|安定|あんてい|ぴんぴん|心配いらん|しんぱいいらん|卒業|そつぎょう|回復|かいふく|働|はたら|通え|かよえ|しとらん|してない|やってない|ございません|落ち着いて生活|幸せ|しあわせ|家族|かぞく)|(卒業|そつぎょう)した|(回復|かいふく)(し|いた)|(役に立|やくにた|力になり|ちからになり|力になれ)|(体験|たいけん)(発表|談|を話|をはな)|agoodplace|betterplace|muchbetter|(やめ|止め)て.{0,4}[0-9]+(年|ねん|ヶ月|か月|かげつ)|(今年|ことし)は.{0,12}(ばっちり|大丈夫|だいじょうぶ|気をつけ|きをつけ)|stable|doingwell|recovered|(調子|ちょうし)(が)?(いい|良い|よい)|(現在|げんざい)は.{0,24}(安定|あんてい|元気|げんき|回復|かいふく|落ち着|おちつ|通|かよ|働|はたら)|i'mbetternow|imbetternow|" + "(今|いま)(は|わ|では|でわ).{0,12}(生|い)き(抜|ぬ|た|て|よう|る)|(今|いま)(は|わ|では|でわ).{0,8}(元気|げんき|大丈夫|だいじょうぶ|落ち着|おちつ|前向き|まえむき|楽し|たのし|やめられ|止められ|平気|へいき|幸せ|しあわせ)";

    private const string Person = "(家族|かぞく|母|父|お母さん|お父さん|おかあさん|おとうさん|母親|父親|息子|むすこ|娘|むすめ|夫|妻|旦那|だんな|嫁|主人|兄|姉|弟|妹|祖母|祖父|おばあちゃん|おじいちゃん|子ども|子供|こども|友達|友だち|ともだち|友人|彼氏|彼女|利用者|患者|本人|同僚|知人|あの人|その人|くらいあんと)(さん|ちゃん|くん)?";

    /// <summary>Someone else is the subject (家族が / 母は / 夫の意識), or the cue is quoted or passed on (「…」と言って, 友人からのメッセージ).</summary>
    public const string ThirdParty = Person + "(が|は|も)|" + Person + "の(意識|いしき|呼吸|こきゅう|息|いき)|" + Person + "から.{0,12}(めっせじ|らいん|line|連絡|れんらく|電話|でんわ|手紙|てがみ|来た|きた)|"
        + "(と|って)(言|い)(って|う|い)|(と|って)(話|はな)して|(と|って)(書|か)いて|(と|って)(らいん|line)|ほのめか";

    public const string Urgent = Now;
}
