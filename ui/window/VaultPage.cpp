#include "window/VaultPage.h"

#include "model/EntryListModel.h"
#include "model/GroupTreeModel.h"
#include "model/SecretItemDelegate.h"
#include "secret/SecretLineEdit.h"
#include "session/VaultSession.h"
#include "window/EntryDetailView.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace arcanum {

VaultPage::VaultPage(VaultSession* session, QWidget* parent) : QWidget(parent), m_session(session)
{
    m_search = new SecretLineEdit(nullptr, this);
    m_search->setPlaceholderText(tr("Search title, user name, URL, notes, tags (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search"));
    m_search->installEventFilter(this);
    connect(m_search, &SecretLineEdit::textEdited, this, &VaultPage::applyFilter);
    connect(m_search, &SecretLineEdit::returnPressed, this, &VaultPage::focusEntryList);

    m_groupModel = new GroupTreeModel(session, this);
    m_groups = new QTreeView(this);
    m_groups->setModel(m_groupModel);
    m_groups->setHeaderHidden(true);
    m_groups->setAccessibleName(tr("Groups"));
    m_groupDelegate = new SecretItemDelegate(
        [this](const QModelIndex& index) { return m_groupModel->nameAt(index); }, this);
    m_groups->setItemDelegate(m_groupDelegate);
    connect(m_groups->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &VaultPage::followGroup);
    // Every save rebuilds the sidebar: keep it expanded and on the same group (or "All entries"
    // when that group is gone), so the entry list and the sidebar agree.
    connect(m_groupModel, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_groupBeforeReset = currentGroup(); });
    connect(m_groupModel, &QAbstractItemModel::modelReset, this, [this] {
        if (m_groupModel->rowCount() == 0)
            return; // locked
        m_groups->expandAll();
        selectGroup(m_groupBeforeReset);
    });

    m_entryModel = new EntryListModel(session, this);
    m_entries = new QTreeView(this);
    m_entries->setModel(m_entryModel);
    m_entries->setRootIsDecorated(false);
    m_entries->setSortingEnabled(true); // a header click sorts in core (EntryListModel::sort)
    m_entries->sortByColumn(EntryListModel::TitleColumn, Qt::AscendingOrder);
    m_entries->setUniformRowHeights(true);
    m_entries->setAllColumnsShowFocus(true);
    m_entries->setSelectionMode(QAbstractItemView::SingleSelection);
    m_entries->setAccessibleName(tr("Entries"));
    m_entries->header()->setStretchLastSection(false);
    m_entries->header()->setSectionResizeMode(EntryListModel::TitleColumn, QHeaderView::Stretch);
    m_entries->header()->setMinimumSectionSize(60);
    m_entries->header()->resizeSection(EntryListModel::UsernameColumn, 170);
    m_entries->header()->resizeSection(EntryListModel::UrlColumn, 190);
    m_entries->header()->resizeSection(EntryListModel::ModifiedColumn, 120);
    m_entries->installEventFilter(this);
    m_entryDelegate = new SecretItemDelegate(
        [this](const QModelIndex& index) -> std::optional<SecretSpan> {
            if (index.column() == EntryListModel::ModifiedColumn)
                return std::nullopt;
            const auto entry = m_entryModel->entryAt(index.row());
            if (!entry)
                return SecretSpan();
            return entry->field(EntryListModel::fieldOf(index.column()));
        },
        this);
    m_entries->setItemDelegate(m_entryDelegate);
    connect(m_entries->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        m_details->showEntry(currentEntry());
        emit currentEntryChanged();
    });
    connect(m_entries, &QTreeView::doubleClicked, this, &VaultPage::entryActivated);
    connect(m_entryModel, &QAbstractItemModel::modelReset, this, [this] {
        m_details->showEntry(std::nullopt);
        emit currentEntryChanged();
    });

    m_details = new EntryDetailView(session, this);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_groups);
    splitter->addWidget(m_entries);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 3);
    splitter->setSizes({170, 680, 380});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(splitter, 1);
    setTabOrder(m_search, m_groups);
    setTabOrder(m_groups, m_entries);
    setTabOrder(m_entries, m_details);

    connect(session, &VaultSession::unlocked, this, &VaultPage::onUnlocked);
    connect(session, &VaultSession::aboutToLock, this, &VaultPage::onAboutToLock);
}

void VaultPage::onUnlocked()
{
    SecretArena* arena = &m_session->vault()->arena();
    m_search->setArena(arena);
    m_entryDelegate->setArena(arena);
    m_groupDelegate->setArena(arena);
    m_groups->expandAll();
    selectGroup(std::nullopt);
    if (m_entryModel->rowCount() > 0)
        m_entries->setCurrentIndex(m_entryModel->index(0, 0));
}

void VaultPage::onAboutToLock()
{
    m_search->clear();
    m_search->setArena(nullptr);
    m_entryDelegate->releaseSecrets();
    m_groupDelegate->releaseSecrets();
    m_details->releaseSecrets();
}

void VaultPage::applyFilter()
{
    const std::optional<EntryId> previous = currentEntry();
    (void)m_entryModel->setFilter(m_search->text(),
                                  m_groupModel->groupAt(m_groups->currentIndex()));
    if (previous)
        selectEntry(*previous);
    if (!currentEntry() && m_entryModel->rowCount() > 0)
        m_entries->setCurrentIndex(m_entryModel->index(0, 0));
}

std::optional<EntryId> VaultPage::currentEntry() const
{
    const QModelIndex index = m_entries->currentIndex();
    return index.isValid() ? m_entryModel->entryIdAt(index.row()) : std::nullopt;
}

void VaultPage::selectGroup(const std::optional<EntryId>& group)
{
    QModelIndex index = m_groupModel->indexOf(group);
    if (!index.isValid())
        index = m_groupModel->index(0, 0); // "All entries"
    m_groups->setCurrentIndex(index);
    followGroup(); // in case the view saw no change of current index
}

void VaultPage::followGroup()
{
    // The entry list refreshes itself on every save; re-filtering (a search and a sort of every
    // entry) is needed only when the sidebar now shows another group than the list does.
    if (m_entryModel->groupFilter() != currentGroup())
        applyFilter();
    emit currentGroupChanged();
}

std::optional<EntryId> VaultPage::currentGroup() const
{
    return m_groupModel->groupAt(m_groups->currentIndex());
}

void VaultPage::selectEntry(const EntryId& id)
{
    const int row = m_entryModel->rowOf(id);
    if (row >= 0)
        m_entries->setCurrentIndex(m_entryModel->index(row, 0));
}

void VaultPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void VaultPage::focusEntryList()
{
    m_entries->setFocus(Qt::OtherFocusReason);
    if (!m_entries->currentIndex().isValid() && m_entryModel->rowCount() > 0)
        m_entries->setCurrentIndex(m_entryModel->index(0, 0));
}

bool VaultPage::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (watched == m_search && key->key() == Qt::Key_Escape && !m_search->isEmpty()) {
            m_search->clear();
            applyFilter();
            return true;
        }
        if (watched == m_search && key->key() == Qt::Key_Down) {
            focusEntryList();
            return true;
        }
        if (watched == m_entries && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            emit entryActivated();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace arcanum
