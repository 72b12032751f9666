"""What each measurement and test on her card is, why it is taken and what is normal, in
short sentences she can open beside it. The limits are the rules' own (rules.py), so the
words cannot drift from what the card reacts to."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import rules

FETAL_HEART_RATE_NORMAL = (110, 160)  # beats a minute (FIGO 2015)


@dataclass(frozen=True)
class Explanation:
    what: Promise
    why: Promise
    normal: Promise | None = None
    limits: tuple = ()  # numbers for normal's placeholders, formatted for her language

    def normal_text(self) -> str:
        if self.normal is None:
            return ""
        numbers = {f"n{i}": number_format(value) for i, value in enumerate(self.limits)}
        return str(self.normal) % numbers if numbers else str(self.normal)


EXPLANATIONS = {
    "gestational_age": Explanation(
        _("How far along you are, in full weeks and days. 30+2 means 30 full weeks and 2 days."),
        _("Each check and test in the pregnancy is planned for a certain week."),
        _("Most babies are born between week 37 and week 42."),
    ),
    "due_date": Explanation(
        _("The day the baby is expected. It is set from the ultrasound, or from your last period."),
        _("The week of pregnancy is counted from it, and the checks are planned by it."),
        _("Few babies come on the due date. Most come in the two weeks before or after it."),
    ),
    "weight": Explanation(
        _("Your weight at each check."),
        _(
            "It shows how your body changes. Gaining too much or too little can matter for you "
            "and the baby."
        ),
        _(
            "Most women gain 10 to 16 kilos. Women who weighed more before the pregnancy "
            "usually gain less."
        ),
    ),
    "blood_pressure": Explanation(
        _(
            "The pressure of the blood in your arteries, in mmHg. The upper number is when the "
            "heart beats, the lower when it rests."
        ),
        _(
            "High blood pressure can be a sign of pre-eclampsia. That can be dangerous for you "
            "and the baby."
        ),
        _("Under %(n0)s/%(n1)s is normal."),
        rules.BP_RAISED,
    ),
    "urine_protein": Explanation(
        _("A test strip in your urine shows whether there is protein in it."),
        _("Protein in the urine and high blood pressure together can be a sign of pre-eclampsia."),
        _("Negative (no protein) is normal. A trace is usually harmless."),
    ),
    "oedema": Explanation(
        _("Swelling, most often of the feet and legs. It is scored from none to a lot."),
        _(
            "Some swelling is common late in the pregnancy. Sudden swelling of the face or the "
            "hands can be a sign of pre-eclampsia."
        ),
        _("None or a little is normal."),
    ),
    rules.HB: Explanation(
        _("Haemoglobin (Hb) is the part of the blood that carries oxygen."),
        _("Low Hb (anaemia) can make you tired. It is usually treated with iron."),
        _("%(n0)s g/dL or more is normal (%(n1)s or more in the middle of the pregnancy)."),
        (rules.HB_LOW[1], rules.HB_LOW[2]),
    ),
    "baby": Explanation(
        _("The baby's heartbeat, how the baby lies, and whether you feel the baby move."),
        _("A steady heartbeat and movements tell that the baby is doing well."),
        _(
            "A heartbeat of %(n0)s to %(n1)s a minute is normal. If the baby moves less than "
            "usual, call the maternity unit."
        ),
        FETAL_HEART_RATE_NORMAL,
    ),
    "fundal_height": Explanation(
        _("The distance from your pubic bone to the top of the womb, in centimetres."),
        _("It shows how the baby grows. It is measured at each check from week 24."),
        _(
            "Inside the shaded band on the chart is normal. If it is outside, or stops growing, "
            "you are offered an ultrasound."
        ),
    ),
    rules.FERRITIN: Explanation(
        _("Ferritin shows how much iron your body has stored."),
        _("The baby takes iron from you. Low stores can lead to anaemia."),
        _("%(n0)s µg/L or more is normal. If it is lower, you are advised to take iron."),
        (rules.FERRITIN_LOW,),
    ),
    rules.HBA1C: Explanation(
        _("Long-term blood sugar: your average blood sugar over the last two to three months."),
        _("It finds diabetes early. It is taken before week 16 if you have a higher risk."),
        _("Under %(n0)s mmol/mol is normal."),
        (rules.HBA1C_EARLY_HYPERGLYCAEMIA,),
    ),
    "NPU02192": Explanation(
        _(
            "Your blood sugar in the morning, before you have eaten, at the start of a glucose "
            "tolerance test."
        ),
        _(
            "The test finds diabetes of pregnancy. It is offered in week 24 to 28 if you have a "
            "higher risk."
        ),
        _("Under %(n0)s mmol/L is normal."),
        (rules.OGTT_FASTING_GDM,),
    ),
    "NPU02193": Explanation(
        _("Your blood sugar two hours after a sweet drink, in a glucose tolerance test."),
        _(
            "The test finds diabetes of pregnancy. It is offered in week 24 to 28 if you have a "
            "higher risk."
        ),
        _("Under %(n0)s mmol/L is normal."),
        (rules.OGTT_2H_GDM,),
    ),
    "NPU58582": Explanation(
        _("Your blood group: A, B, AB or O."),
        _("It must be known in case you need blood at the birth."),
        _("Every blood group is normal."),
    ),
    "NPU21917": Explanation(
        _("Whether your blood is RhD positive or RhD negative."),
        _(
            "If you are RhD negative and the baby is positive, your body can make antibodies "
            "against the baby's blood. A test of the baby's blood group and an injection "
            "(anti-D) prevent this."
        ),
        _("Both are normal. About 15 in 100 women are RhD negative."),
    ),
    "NPU19649": Explanation(
        _("A test for HIV."),
        _("If you have HIV, treatment in the pregnancy protects the baby."),
        _("Negative is normal."),
    ),
    "NPU03611": Explanation(
        _("A test for syphilis, an infection that can be passed on in sex."),
        _("Syphilis can harm the baby. Treatment in the pregnancy protects the baby."),
        _("Negative is normal."),
    ),
    "NPU02349": Explanation(
        _("A test for hepatitis B, an infection of the liver."),
        _("If you have it, the baby is given a vaccine right after the birth."),
        _("Negative is normal."),
    ),
    "epds": Explanation(
        _("EPDS is ten short questions about how you have felt in the last week."),
        _("Many feel low after a birth. It helps to find out early and get help."),
        _(
            "Under %(n0)s is normal. At %(n0)s or more, your midwife or doctor talks with you "
            "about how you are."
        ),
        (rules.EPDS_POSSIBLE,),
    ),
    "bmi": Explanation(
        _("Body mass index: your weight in kilos divided by your height in metres, squared."),
        _(
            "It tells whether your weight before the pregnancy was low, normal or high. A high "
            "BMI gives a higher risk of diabetes and high blood pressure in the pregnancy."
        ),
        _("%(n0)s to %(n1)s is called normal weight."),
        (Decimal("18.5"), Decimal("24.9")),
    ),
    "assisted_conception": Explanation(
        _("Whether the pregnancy came with help, such as IVF or insemination."),
        _("It can matter for how the due date is set, and for the check-ups."),
    ),
    "preeclampsia_before": Explanation(
        _(
            "Pre-eclampsia is high blood pressure with signs that the body is strained, often "
            "protein in the urine. HELLP and eclampsia are severe forms of it."
        ),
        _(
            "If you had it before, you can get it again. You may be offered a low dose of "
            "aspirin from week 12, and closer checks."
        ),
    ),
    "shoulder_dystocia_before": Explanation(
        _("Shoulder dystocia means that the baby's shoulders got stuck after the head was born."),
        _(
            "A big baby or stuck shoulders before can mean you are offered a glucose tolerance "
            "test, and a talk about the birth."
        ),
    ),
    "placenta": Explanation(
        _("Where the placenta sits in the womb, seen on the ultrasound."),
        _("A placenta low down near the cervix is checked again later in the pregnancy."),
        _("Front wall, back wall or top is normal."),
    ),
    # Her history, one explanation per section of the paper card.
    "previous_pregnancies": Explanation(
        _(
            "How many times you have been pregnant before, and how those pregnancies and "
            "births went."
        ),
        _(
            "Some things that happened before can happen again. Then you can be offered closer "
            "checks, or a talk about this birth."
        ),
    ),
    "medical_conditions": Explanation(
        _("Illnesses you have or have had, such as high blood pressure, diabetes or epilepsy."),
        _(
            "Some illnesses and their medicines matter in a pregnancy. Your midwife or doctor "
            "plans the checks with them in mind."
        ),
    ),
    "heredity": Explanation(
        _("Illnesses that run in your family or in the baby's father's or co-mother's family."),
        _(
            "Diabetes or pre-eclampsia in close family gives you a higher risk of it. Then you "
            "can be offered a test or closer checks."
        ),
    ),
    "medication": Explanation(
        _("The medicines you use, and whether you took folic acid."),
        _(
            "Some medicines should be changed in a pregnancy. Folic acid lowers the risk of "
            "some birth defects in the baby."
        ),
        _("Folic acid is advised from a month before the pregnancy until week 12."),
    ),
    "lifestyle": Explanation(
        _("Whether you smoke, use snus, drink alcohol or use other drugs, and how often."),
        _(
            "They can harm the baby. You are asked at the first check and in week 36, so that "
            "you can get help to stop."
        ),
        _("No alcohol, tobacco or drugs is best for the baby."),
    ),
    # The birth.
    "birth_blood_loss": Explanation(
        _("How much blood you lost at the birth, in millilitres (ml)."),
        _("A large loss can make you tired and short of blood. It is followed up after the birth."),
        _("Under %(n0)s ml is normal."),
        (500,),
    ),
    "perineal_tear": Explanation(
        _(
            "A tear in the skin and muscles between the vagina and the anus at the birth. It is "
            "graded from 1 to 4."
        ),
        _(
            "Most tears are grade 1 or 2 and heal well. Grade 3 and 4 reach the muscle around "
            "the anus. Then you are offered a check some weeks later."
        ),
    ),
    "apgar": Explanation(
        _(
            "A quick check of the newborn baby after 1, 5 and 10 minutes: breathing, heartbeat, "
            "colour, muscle tone and reflexes. Each gives 0 to 2 points."
        ),
        _("It shows how the baby managed the first minutes of life."),
        _("%(n0)s to 10 points is normal. Many babies get fewer after 1 minute than after 5."),
        (7,),
    ),
    "neonatal_care": Explanation(
        _("Whether the baby was moved to the neonatal unit, which cares for sick or early babies."),
        _(
            "Babies born early or small, or who need help to breathe or eat, are looked after "
            "there."
        ),
    ),
}
