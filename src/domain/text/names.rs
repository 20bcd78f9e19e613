//! Given names, which say who wrote a ticket or took it, never what it asks for.
//!
//! A name in a ticket is furniture: the agent's in a chat ("Thanks Mia, let me look into that
//! for you"), the customer's in a sign-off or a header ("Chris Morgan", "Leila -"), a
//! colleague's in a relay ("Open question from Ava - …"). Names vary from ticket to ticket, so
//! the corpus cannot learn them as it learns a recurring footer, and as rare words they weigh
//! the most: two tickets that share a first name look alike, and each ticket's own name draws
//! it away from the others that ask the same. The analysis leaves out the given names of this
//! list, common across the languages customers write in; a sentence that differs from another
//! only by its name is then the same sentence, and recurs as furniture does.
//!
//! Left out of the list: names that are also English words or a need's terms ("will", "may",
//! "grace", "mark", "bill", "chase", "penny", "max", "jan", "min", "georgia", "jordan").

use std::sync::LazyLock;

/// Lower-case given names, separated by white space.
const GIVEN_NAMES: &str = "\
aaron abdul abdullah abel abigail abraham adam adebayo adele adeline adrian adriana agnes \
agnieszka ahmad ahmed aidan aiden aisha akira alan alana albert alberto alec alejandro \
aleksandr alessandra alessandro alex alexa alexander alexandra alexandre alexei alexis \
alfie alfred alfredo ali alice alicia alina alison alistair allison alma alonso alvaro amal \
amanda amara amelia amina amir amit amy ana anastasia anders andrea andreas andrei andres \
andrew andy aneesh angela angelica angelo anika anita anjali ann anna annabel anne annie \
anthony antoine anton antonio anya aoife arash archie arjun arnav arthur arturo arun aryan \
asha ashley ashok astrid aubrey audrey ava axel ayesha aylin barbara barry beatrice beatriz \
ben benedict benjamin bernard bertrand beth bethany bianca birgit bjorn blake boris brandon \
brenda brendan brian brianna bridget brittany bruno bryan caitlin caleb callum camila \
camille carina carla carlos carmen caroline carolyn carsten casey catalina catherine \
cecilia celine cesar chantal charles charlie charlotte chen chiara chidi chinedu chloe \
chris christian christina christine christopher claire clara claudia claudio colin connor \
conor constance cristina cynthia daisuke dalia damian damien dan dana daniel daniela \
danielle daniil danny dara darius darren dave david davide debbie deborah declan deepak \
deepika denise dennis derek diana diane diego dimitri dmitri dmitry dominic dominik donna \
doris dorothy duncan dylan edgar eduardo edward edwin eileen eleanor elena eli elias elif \
elijah elisa elizabeth ella ellen ellie elliot eloise elsa emeka emil emilia emily emma \
emmanuel enrique eric erik erin ernesto esther ethan eugene eva evan evelyn fabian fabio \
farah farid farida fatima fatma federico felipe felix fernanda fernando filip finn fiona \
florian francesca francesco francis francisco franz freddie frederick freya fumiko gabriel \
gabriela gabriella gareth gary gaurav gavin genevieve geoffrey george gerald gerard \
gianluca gideon gilbert gillian gina giorgio giovanni giulia giuseppe gloria gordon graham \
greg gregory greta guillaume gustavo hailey hamid hana hannah hans harold harriet harry \
harvey hassan heather hector heidi helen helena henrik henry hiroko hiroshi hugo hussein \
ian ibrahim ida ifeoma igor ikechukwu ilya imran ines ingrid irene isaac isabel isabella \
isabelle ishaan isla ismail ivan jacob jacqueline jaime jake james jamie jana jane janet \
janice jasmine jason javier jayden jeffrey jelena jennifer jens jeremy jerome jessica jesus \
jiho joan joanna joao joaquin jocelyn joe joel johan johanna john johnny jon jonas jonathan \
jorge jose josef joseph josephine joshua juan judith julia julian juliana julie julien \
julio justin kai kamal karan karen karim karin karl kasia katarzyna kate katherine kathleen \
kathryn katie katrin kayla keisha keith kelly kemal kenji kenneth kevin khalid kim kimberly \
kirsten klaus kofi kristen kristina kwabena kwame kyle lakshmi lara larissa lars laura \
lauren laurent leah leila lena leo leon leonardo leonie levi liam lila linda lindsay lionel \
lisa liu lorenzo louis louise luca lucas lucia luciana lucy luigi luis luisa lukas luke luz \
lydia madeleine madison magnus mahmoud maja malik manuel marc marcel marcela marco marcos \
marcus margaret margot maria mariana marie marina mario marion marisa marius marta martha \
martin martina mary maryam mateo mathias matilda matteo matthew matthias maureen maurice \
maxim maxime maya megan mehmet mei melanie melissa mia michael michaela michel michelle \
miguel mikael mike mikhail mila milan milena minh mira miriam mohamed mohammad mohammed \
monica morgan moritz muhammad mustafa nadia nadine naomi natalia natalie natasha nathan \
nathaniel neha neil nicholas nicola nicolas nicole niels nikhil niklas nikolai nikolaos \
nina noah noel noor nora olga oliver olivia omar oscar oskar owen pablo paolo patricia \
patrick paul paula paulo pavel pedro peter petra philip philippe pierre pietro pooja priya \
priyanka rachel rafael rahul raj rajesh ramon rania raphael raquel rashid rebecca renata \
rene ricardo riccardo richard rita robert roberta roberto robin rodrigo roger rohan roman \
ronald rosa ruth ryan sabrina sadia sakura salma samantha samir samuel sandra sanjay \
santiago sara sarah sasha satoshi scott sean sebastian selin serena sergei sergio shanice \
shanthi sharon shauna sheila shreya simon simone siobhan sofia sonia sophia sophie stefan \
stefano stella stephanie stephen steven stuart susan suzanne sven svetlana sylvia takeshi \
tamara tanya tariq tatiana teresa thabo thomas tiago timothy tobias tomas tomasz tony tracy \
tristan ulrich uma valentina valeria vanessa vera veronica vikram viktor vincent vivek wei \
wendy william xavier ximena yara yasmin yasmine yaw yuki yuri yusuf yvonne zainab zara zoe \
zofia";

/// Whether `word` (lower case, as the analysis reads it) is a given name of the list.
pub fn is_given_name(word: &str) -> bool {
    static SET: LazyLock<fnv::FnvHashSet<&'static str>> =
        LazyLock::new(|| GIVEN_NAMES.split_whitespace().collect());
    SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_are_known_and_words_that_are_also_names_are_not() {
        for name in [
            "chris", "giulia", "kenji", "siobhan", "kwame", "priya", "mei",
        ] {
            assert!(is_given_name(name), "{name}");
        }
        for word in [
            "will", "may", "grace", "mark", "bill", "card", "jan", "max", "chase",
        ] {
            assert!(!is_given_name(word), "{word}");
        }
    }

    #[test]
    fn a_sentence_that_differs_only_by_its_name_is_the_same_sentence() {
        use crate::domain::text::{AnalyzerOptions, analyze, sentence_key};
        let terms = analyze("Thanks Mia, let me look into the export for you");
        assert!(!terms.iter().any(|t| t.contains("mia")), "{terms:?}");
        assert!(terms.iter().any(|t| t == "export"), "{terms:?}");
        let opts = AnalyzerOptions::default();
        assert_eq!(
            sentence_key("thanks mia, let me look into that for you", &opts),
            sentence_key("thanks kwame, let me look into that for you", &opts)
        );
        // A word that is also a name is a term.
        assert!(analyze("Will the grace period apply?").contains(&"grace".to_owned()));
    }

    #[test]
    fn the_list_is_lower_case_and_sorted_without_repeats() {
        let names: Vec<&str> = GIVEN_NAMES.split_whitespace().collect();
        assert!(names.len() > 600);
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase()))
        );
        assert!(names.windows(2).all(|w| w[0] < w[1]));
    }
}
