"""Write the fictional refugee-status case vignettes and, separately, their answer key."""

from __future__ import annotations

from pathlib import Path

from kit.datagen import write_csv

HERE = Path(__file__).resolve().parent

# Every person, place and event below is invented. Estavia, Meridia and Nordavia are fictional
# countries of origin; Utopia (ICAO's specimen state) is the fictional country of asylum.
# No randomness is needed: the vignettes are written by hand, so the output is fixed.
VIGNETTES = [
    {
        "id": "V01",
        "applicant": "ERIKSSON, Anna Maria",
        "origin": "Estavia",
        "narrative": (
            "Ms Eriksson is a journalist. She wrote a series of articles criticising the "
            "governing party's handling of elections. Police detained her twice without charge "
            "and warned her to stop writing; her newspaper was closed by decree. Colleagues who "
            "kept writing were imprisoned. She left Estavia by air and applied for asylum on "
            "arrival in Utopia."
        ),
        "topic": "ground",
        "key": "political opinion",
        "reasoning": (
            "The harm is aimed at her for views critical of the government, actual or imputed: "
            "political opinion. She is outside Estavia and the state itself is the persecutor."
        ),
    },
    {
        "id": "V02",
        "applicant": "OKAFOR, Daniel",
        "origin": "Meridia",
        "narrative": (
            "Mr Okafor belongs to an opposition movement whose members have been arrested and "
            "beaten. He is hiding at a relative's house in Meridia's capital and has emailed "
            "Utopia's embassy there asking to be recognised as a refugee."
        ),
        "topic": "missing element",
        "key": "outside the country of nationality",
        "reasoning": (
            "Article 1A(2) requires the person to be outside the country of nationality. Mr Okafor "
            "is still in Meridia, so he cannot (yet) be a refugee under the Convention, whatever "
            "the strength of his fear. Some states issue humanitarian visas so that people in his "
            "position can travel and then apply."
        ),
    },
    {
        "id": "V03",
        "applicant": "LINDQVIST, Mira",
        "origin": "Nordavia",
        "narrative": (
            "Ms Lindqvist belongs to a small religious community in Nordavia. A local armed group "
            "burned her community's place of worship and threatened to kill members who kept "
            "meeting. She reported the threats to the police twice; they recorded nothing and told "
            "her to move away. Two neighbours from the same community were later attacked."
        ),
        "topic": "ground",
        "key": "religion",
        "reasoning": (
            "The threats target her religious community: religion. The harm comes from a non-state "
            "group, and the police failed to act, so the state is unable or unwilling to protect "
            "her."
        ),
    },
    {
        "id": "V04",
        "applicant": "HAMADA, Kenji",
        "origin": "Estavia",
        "narrative": (
            "Mr Hamada lost his job when his factory closed. He found no other work in his region "
            "for two years. He has never had problems with the authorities or anyone else, and "
            "says he came to Utopia because wages are higher and his cousin can employ him."
        ),
        "topic": "missing element",
        "key": "well-founded fear of persecution",
        "reasoning": (
            "Nothing in the account points to a fear of persecution: the motive is economic. The "
            "claim fails on well-founded fear of persecution (and so on the link to a ground)."
        ),
    },
    {
        "id": "V05",
        "applicant": "NOVAK, Pavel",
        "origin": "Estavia",
        "narrative": (
            "Mr Novak was recognised as a refugee in Utopia in 2016. Since 2021 he has applied for "
            "and received a new Estavian passport and has travelled on it to Estavia four times, "
            "staying several months each time and registering with the Estavian authorities."
        ),
        "topic": "cessation",
        "key": "1C(1)",
        "reasoning": (
            "He has voluntarily re-availed himself of the protection of his country of nationality "
            "(a new passport obtained and used to return): Article 1C(1) is to be examined."
        ),
    },
    {
        "id": "V06",
        "applicant": "AMADI, Ruth",
        "origin": "Meridia",
        "narrative": (
            "Ms Amadi fears an abusive former partner in Meridia. Court records she herself "
            "supplied show that, a year before she came to Utopia, she was convicted in Meridia of "
            "leading an armed robbery of a bank in which a guard was badly injured. The robbery "
            "had no political aim."
        ),
        "topic": "exclusion",
        "key": "1F(b)",
        "reasoning": (
            "There are serious reasons for considering that she committed a serious non-political "
            "crime outside the country of refuge before admission: Article 1F(b) must be examined "
            "(with the usual safeguards: individual responsibility, seriousness)."
        ),
    },
    {
        "id": "V07",
        "applicant": "SANTOS, Ines",
        "origin": "Nordavia",
        "narrative": (
            "Ms Santos, aged 19, refused a marriage her family arranged. Her brothers beat her and "
            "threatened to kill her for dishonouring the family. In her district, women who refuse "
            "family marriages are widely seen as shameful; the police told her it was a private "
            "family matter and sent her home."
        ),
        "topic": "ground",
        "key": "membership of a particular social group",
        "reasoning": (
            "The harm is linked to her being a woman who refuses an imposed marriage, a group "
            "defined by characteristics she cannot or should not be required to change: membership "
            "of a particular social group. The police refused protection."
        ),
    },
    {
        "id": "V08",
        "applicant": "VIRTANEN, Tomas",
        "origin": "Nordavia",
        "narrative": (
            "Mr Virtanen commanded a militia unit during Nordavia's civil war. Several witness "
            "statements and a published inquiry report say his unit burned villages and killed "
            "civilians on his orders. He now fears reprisals from the side that won the war."
        ),
        "topic": "exclusion",
        "key": "1F(a)",
        "reasoning": (
            "Deliberate killing of civilians in an armed conflict points to war crimes or crimes "
            "against humanity: Article 1F(a) must be examined, even if his fear is well founded."
        ),
    },
    {
        "id": "V09",
        "applicant": "BERG, Jonas",
        "origin": "Meridia",
        "narrative": (
            "Mr Berg was recognised as a refugee in Utopia in 2012 after the military government "
            "of Meridia imprisoned members of his party. That government fell in 2015. Meridia has "
            "since held three internationally observed elections, his party has served in "
            "government, the security forces were reformed and former prisoners received an "
            "amnesty and compensation."
        ),
        "topic": "cessation",
        "key": "1C(5)",
        "reasoning": (
            "The circumstances that made him a refugee have ceased, in a fundamental and durable "
            "way: Article 1C(5) (ceased circumstances, for a national) is to be examined, together "
            "with any compelling reasons arising from past persecution."
        ),
    },
    {
        "id": "V10",
        "applicant": "HOLM, David Elias",
        "origin": "Meridia",
        "narrative": (
            "Mr Holm, 34, was a trade-union organiser at a state-owned mine in Meridia. After he "
            "led a strike in March 2023, he says security officers arrested him, held him for nine "
            "days and beat him, and released him on condition that he report weekly and stop union "
            "work. He kept organising in secret. In June 2023 officers searched his flat while he "
            "was away; a neighbour told him they said he would 'disappear'. He left Meridia by "
            "land and reached Utopia in August 2023. At his interview he gave the length of his "
            "detention as 'about ten days' and, in his written statement, as nine days; he could "
            "not remember the exact date of the search. He has a union membership card and a "
            "medical note describing bruising, dated March 2023. Country information from several "
            "sources reports arrests of strike organisers in Meridia's mining sector in 2023 and "
            "ill-treatment in detention."
        ),
        "topic": "decision",
        "key": "recognise: refugee status (political opinion, possibly imputed)",
        "reasoning": (
            "Outside Meridia; subjective fear shown by flight; objective basis in consistent "
            "country information and supporting documents; detention and beatings amount to "
            "persecution; ground political opinion (trade-union activity seen as opposition); "
            "state is the agent, so no protection; minor discrepancies (nine days vs about ten, "
            "an exact date forgotten) do not go to the core and the benefit of the doubt applies "
            "(UNHCR Handbook paras 203-204); a reasonable degree of likelihood of persecution on "
            "return (para 42); no indication of 1C, 1D, 1E or 1F."
        ),
    },
]

PUBLIC = ("id", "applicant", "origin", "narrative")
KEY = ("id", "topic", "key", "reasoning")


def main() -> None:
    write_csv(HERE / "vignettes.csv", VIGNETTES, PUBLIC)
    # The key is kept apart so the vignettes can be handed out without the answers.
    write_csv(HERE / "answer-key.csv", VIGNETTES, KEY)


if __name__ == "__main__":
    main()
